"""Numbers as the release's text prints them: the Bureau's English house style (6197, 25,9), the Russian and
Kazakh one (6 197 with a no-break space, 25,9) or international (6,197, 25.9).

Tables keep their own number formats (one decimal for percentages); in running text a whole percentage drops its
",0" ("на 21%", as the Bureau writes it), so text and table show the same value.
"""

from __future__ import annotations

from dataclasses import dataclass

NO_BREAK_SPACE = "\u00a0"


@dataclass(frozen=True)
class NumberStyle:
    decimal: str
    thousands: str
    minus: str = "-"  # the Bureau writes "-6200" with a hyphen-minus

    def integer(self, value: float) -> str:
        return self._group(f"{abs(int(round(value))):d}", negative=round(value) < 0)

    def decimal1(self, value: float) -> str:
        """One decimal, as the value was rounded (the caller rounds with Excel's ROUND)."""
        whole, fraction = f"{abs(value):.1f}".split(".")
        return self._group(whole, negative=value < 0 and abs(value) >= 0.05) + self.decimal + fraction

    def compact(self, value: float) -> str:
        """'2' for a whole value, '2,4' otherwise: counts, "2,4 times", and percentages in text ("21%")."""
        return self.integer(value) if float(value).is_integer() else self.decimal1(value)

    def _group(self, digits: str, negative: bool) -> str:
        if self.thousands and len(digits) > 3:
            head = len(digits) % 3 or 3
            digits = digits[:head] + "".join(self.thousands + digits[i:i + 3] for i in range(head, len(digits), 3))
        return (self.minus if negative else "") + digits


BUREAU = NumberStyle(decimal=",", thousands="")
INTERNATIONAL = NumberStyle(decimal=".", thousands=",")
# Russian and Kazakh text groups thousands with a no-break space, so "17 691 человек" never breaks inside the number.
CYRILLIC = NumberStyle(decimal=",", thousands=NO_BREAK_SPACE)

STYLES = {"bureau": BUREAU, "international": INTERNATIONAL, "cyrillic": CYRILLIC}
