"""A minimal MS-CFB (compound file binary) writer: version 3, 512-byte sectors.

Enough to hold a vbaProject.bin: nested storages and streams, small streams in the mini stream.
All timestamps and CLSIDs are zero so the same input always gives the same bytes.
"""

from dataclasses import dataclass, field

SECTOR_SIZE = 512
MINI_SECTOR_SIZE = 64
MINI_STREAM_CUTOFF = 4096
_DIRECTORY_ENTRY_SIZE = 128
_FAT_ENTRIES_PER_SECTOR = SECTOR_SIZE // 4
_HEADER_DIFAT_ENTRIES = 109

_FREESECT = 0xFFFFFFFF
_ENDOFCHAIN = 0xFFFFFFFE
_FATSECT = 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF

_TYPE_STORAGE = 1
_TYPE_STREAM = 2
_TYPE_ROOT = 5
_RED = 0
_BLACK = 1

_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_MAX_NAME_CHARS = 31


@dataclass
class _Entry:
    name: str
    object_type: int
    data: bytes = b""
    children: dict[str, "_Entry"] = field(default_factory=dict)
    entry_id: int = 0
    left: int = _NOSTREAM
    right: int = _NOSTREAM
    child: int = _NOSTREAM
    color: int = _BLACK
    start_sector: int = _ENDOFCHAIN


def _sort_key(name: str) -> tuple[int, str]:
    """MS-CFB 2.6.4 ordering: shorter names first, then an uppercase comparison."""
    return len(name.encode("utf-16-le")) // 2, name.upper()


def _link_balanced_tree(siblings: list[_Entry], depth: int, red_depth: int) -> int:
    """Link sorted siblings into a balanced binary search tree and return the root's id.

    Median splitting leaves every empty child slot at one of two depths; colouring the nodes of the
    deeper, incomplete level red gives all root-to-leaf paths the same number of black nodes,
    so the result is a valid red-black tree.
    """
    if not siblings:
        return _NOSTREAM
    middle = len(siblings) // 2
    node = siblings[middle]
    node.color = _RED if depth == red_depth else _BLACK
    node.left = _link_balanced_tree(siblings[:middle], depth + 1, red_depth)
    node.right = _link_balanced_tree(siblings[middle + 1:], depth + 1, red_depth)
    return node.entry_id


def _complete_levels(count: int) -> int:
    """Number of completely filled levels of a balanced tree with count nodes."""
    return (count + 1).bit_length() - 1


class CompoundFile:
    """Collects storages and streams by path, then renders them with to_bytes()."""

    def __init__(self) -> None:
        self._root = _Entry("Root Entry", _TYPE_ROOT)

    def add_stream(self, path: str, data: bytes) -> None:
        """Add a stream at a '/'-separated path; missing parent storages are created."""
        *storage_names, stream_name = path.split("/")
        storage = self._root
        for storage_name in storage_names:
            storage = storage.children.get(storage_name) or self._add_child(storage, storage_name, _TYPE_STORAGE)
            if storage.object_type != _TYPE_STORAGE:
                raise ValueError(f"{storage_name!r} in {path!r} is a stream, not a storage")
        self._add_child(storage, stream_name, _TYPE_STREAM).data = bytes(data)

    @staticmethod
    def _add_child(storage: _Entry, name: str, object_type: int) -> _Entry:
        if not name or len(name) > _MAX_NAME_CHARS or any(char in name for char in "/\\:!"):
            raise ValueError(f"invalid compound file entry name: {name!r}")
        # Names are compared case-insensitively inside a storage (MS-CFB 2.6.4).
        if name.upper() in {existing.upper() for existing in storage.children}:
            raise ValueError(f"duplicate entry name in compound file: {name!r}")
        entry = _Entry(name, object_type)
        storage.children[name] = entry
        return entry

    def _entries_in_id_order(self) -> list[_Entry]:
        entries = [self._root]
        pending = [self._root]
        while pending:
            storage = pending.pop(0)
            children = sorted(storage.children.values(), key=lambda entry: _sort_key(entry.name))
            for child in children:
                child.entry_id = len(entries)
                entries.append(child)
            storage.child = _link_balanced_tree(children, 0, _complete_levels(len(children)))
            pending.extend(child for child in children if child.object_type == _TYPE_STORAGE)
        return entries

    def to_bytes(self) -> bytes:
        entries = self._entries_in_id_order()
        streams = [entry for entry in entries if entry.object_type == _TYPE_STREAM]
        small_streams = [entry for entry in streams if len(entry.data) < MINI_STREAM_CUTOFF]
        large_streams = [entry for entry in streams if len(entry.data) >= MINI_STREAM_CUTOFF]

        mini_stream, mini_fat = self._layout_mini_stream(small_streams)
        sectors = _SectorAllocator()
        for entry in large_streams:
            entry.start_sector = sectors.add_chain(entry.data)
        self._root.data = mini_stream
        self._root.start_sector = sectors.add_chain(mini_stream) if mini_stream else _ENDOFCHAIN
        mini_fat_bytes = b"".join(value.to_bytes(4, "little") for value in mini_fat)
        first_mini_fat_sector = sectors.add_chain(mini_fat_bytes) if mini_fat else _ENDOFCHAIN
        directory = b"".join(self._directory_entry(entry) for entry in entries)
        unused_entry_count = -len(entries) % (SECTOR_SIZE // _DIRECTORY_ENTRY_SIZE)
        directory += self._unused_directory_entry() * unused_entry_count
        first_directory_sector = sectors.add_chain(directory)
        fat_sector_ids = sectors.add_fat()

        header = self._header(
            fat_sector_ids=fat_sector_ids,
            first_directory_sector=first_directory_sector,
            first_mini_fat_sector=first_mini_fat_sector,
            mini_fat_sector_count=-(-len(mini_fat_bytes) // SECTOR_SIZE),
        )
        return header + sectors.content()

    @staticmethod
    def _layout_mini_stream(small_streams: list[_Entry]) -> tuple[bytes, list[int]]:
        mini_stream = bytearray()
        mini_fat: list[int] = []
        for entry in small_streams:
            if not entry.data:
                entry.start_sector = _ENDOFCHAIN
                continue
            sector_count = -(-len(entry.data) // MINI_SECTOR_SIZE)
            entry.start_sector = len(mini_fat)
            mini_fat.extend(range(entry.start_sector + 1, entry.start_sector + sector_count))
            mini_fat.append(_ENDOFCHAIN)
            mini_stream += entry.data.ljust(sector_count * MINI_SECTOR_SIZE, b"\0")
        if mini_fat:
            padded_length = -(-len(mini_fat) // _FAT_ENTRIES_PER_SECTOR) * _FAT_ENTRIES_PER_SECTOR
            mini_fat.extend([_FREESECT] * (padded_length - len(mini_fat)))
        return bytes(mini_stream), mini_fat

    @staticmethod
    def _directory_entry(entry: _Entry) -> bytes:
        name = entry.name.encode("utf-16-le") + b"\0\0"
        size = len(entry.data) if entry.object_type in (_TYPE_STREAM, _TYPE_ROOT) else 0
        start = entry.start_sector if entry.object_type in (_TYPE_STREAM, _TYPE_ROOT) else 0
        return b"".join((
            name.ljust(64, b"\0"),
            len(name).to_bytes(2, "little"),
            bytes((entry.object_type, entry.color)),
            entry.left.to_bytes(4, "little"),
            entry.right.to_bytes(4, "little"),
            entry.child.to_bytes(4, "little"),
            bytes(16),  # CLSID
            bytes(4),  # state bits
            bytes(16),  # creation and modification times
            start.to_bytes(4, "little"),
            size.to_bytes(8, "little"),
        ))

    @staticmethod
    def _unused_directory_entry() -> bytes:
        siblings_and_child = _NOSTREAM.to_bytes(4, "little") * 3
        return (bytes(68) + siblings_and_child).ljust(_DIRECTORY_ENTRY_SIZE, b"\0")

    @staticmethod
    def _header(fat_sector_ids: list[int], first_directory_sector: int,
                first_mini_fat_sector: int, mini_fat_sector_count: int) -> bytes:
        difat = fat_sector_ids + [_FREESECT] * (_HEADER_DIFAT_ENTRIES - len(fat_sector_ids))
        header = b"".join((
            _SIGNATURE,
            bytes(16),  # header CLSID
            (0x003E).to_bytes(2, "little"),  # minor version
            (0x0003).to_bytes(2, "little"),  # major version 3: 512-byte sectors
            (0xFFFE).to_bytes(2, "little"),  # byte order: little-endian
            (9).to_bytes(2, "little"),  # sector shift: 2**9 = 512
            (6).to_bytes(2, "little"),  # mini sector shift: 2**6 = 64
            bytes(6),
            (0).to_bytes(4, "little"),  # directory sector count: must be 0 in version 3
            len(fat_sector_ids).to_bytes(4, "little"),
            first_directory_sector.to_bytes(4, "little"),
            (0).to_bytes(4, "little"),  # transaction signature
            MINI_STREAM_CUTOFF.to_bytes(4, "little"),
            first_mini_fat_sector.to_bytes(4, "little"),
            mini_fat_sector_count.to_bytes(4, "little"),
            _ENDOFCHAIN.to_bytes(4, "little"),  # first DIFAT sector: none
            (0).to_bytes(4, "little"),  # DIFAT sector count
            b"".join(sector.to_bytes(4, "little") for sector in difat),
        ))
        assert len(header) == SECTOR_SIZE
        return header


class _SectorAllocator:
    """Lays out sector chains one after another and builds the FAT describing them."""

    def __init__(self) -> None:
        self._sectors: list[bytes] = []
        self._fat: list[int] = []

    def add_chain(self, data: bytes) -> int:
        first = len(self._sectors)
        count = -(-len(data) // SECTOR_SIZE)
        for index in range(count):
            self._sectors.append(data[index * SECTOR_SIZE:(index + 1) * SECTOR_SIZE].ljust(SECTOR_SIZE, b"\0"))
            self._fat.append(first + index + 1 if index + 1 < count else _ENDOFCHAIN)
        return first

    def add_fat(self) -> list[int]:
        """Append the FAT sectors (which also describe themselves) and return their ids."""
        fat_sector_count = 1
        while fat_sector_count * _FAT_ENTRIES_PER_SECTOR < len(self._fat) + fat_sector_count:
            fat_sector_count += 1
        if fat_sector_count > _HEADER_DIFAT_ENTRIES:
            raise ValueError(
                f"compound file needs {fat_sector_count} FAT sectors; this writer supports at most "
                f"{_HEADER_DIFAT_ENTRIES} (about 6.8 MB) because it writes no DIFAT sectors"
            )
        first = len(self._sectors)
        fat_sector_ids = list(range(first, first + fat_sector_count))
        fat = self._fat + [_FATSECT] * fat_sector_count
        fat += [_FREESECT] * (fat_sector_count * _FAT_ENTRIES_PER_SECTOR - len(fat))
        fat_bytes = b"".join(value.to_bytes(4, "little") for value in fat)
        for index in range(fat_sector_count):
            self._sectors.append(fat_bytes[index * SECTOR_SIZE:(index + 1) * SECTOR_SIZE])
        self._fat = fat
        return fat_sector_ids

    def content(self) -> bytes:
        return b"".join(self._sectors)
