"""Numbers as the release prints them: the Bureau's house style (6197, 25,9) or international (6,197, 25.9)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NumberStyle:
    decimal: str
    thousands: str

    def integer(self, value: float) -> str:
        return self._group(f"{abs(int(round(value))):d}", negative=value < 0)

    def decimal1(self, value: float) -> str:
        """One decimal, as the value was rounded (the caller rounds with Excel's ROUND)."""
        whole, fraction = f"{abs(value):.1f}".split(".")
        return self._group(whole, negative=value < 0 and abs(value) >= 0.05) + self.decimal + fraction

    def compact(self, value: float) -> str:
        """'2' for a whole value, '2,4' otherwise (for "2 times", "2,4 times")."""
        return self.integer(value) if float(value).is_integer() else self.decimal1(value)

    def _group(self, digits: str, negative: bool) -> str:
        if self.thousands and len(digits) > 3:
            head = len(digits) % 3 or 3
            digits = digits[:head] + "".join(self.thousands + digits[i:i + 3] for i in range(head, len(digits), 3))
        return ("-" if negative else "") + digits


BUREAU = NumberStyle(decimal=",", thousands="")
INTERNATIONAL = NumberStyle(decimal=".", thousands=",")
# Russian and Kazakh releases group thousands with a space: "17 691 человек".
CYRILLIC = NumberStyle(decimal=",", thousands=" ")

STYLES = {"bureau": BUREAU, "international": INTERNATIONAL, "cyrillic": CYRILLIC}
