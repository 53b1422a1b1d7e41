"""MS-OVBA 2.4.1 compression: the CompressedContainer used by VBA module streams and the dir stream.

A container is a signature byte (0x01) followed by chunks, each holding up to 4096 bytes of
decompressed data.  A chunk is either compressed (a sequence of flag bytes, each followed by up
to eight tokens: literal bytes or copy tokens pointing back into the same chunk) or raw.
"""

CHUNK_SIZE = 4096
_SIGNATURE = 0x01
_CHUNK_SIGNATURE = 0b011
_MAX_COMPRESSED_CHUNK_DATA = CHUNK_SIZE  # 2.4.1.3.12: a chunk is at most 4098 bytes with its header
_MIN_MATCH = 3
# Candidates examined per position; bounds the search on highly repetitive input while
# still finding the long matches that matter for source text.
_MAX_CANDIDATES = 64


def _copy_token_bit_split(position_in_chunk: int) -> tuple[int, int]:
    """Return (offset_bit_count, maximum_length) for a copy token at this chunk position (2.4.1.3.19.1).

    The offset field grows with the distance already decompressed, taking bits from the length field.
    """
    bit_count = max((position_in_chunk - 1).bit_length(), 4)
    maximum_length = (0xFFFF >> bit_count) + _MIN_MATCH
    return bit_count, maximum_length


def _longest_match(data: bytes, position: int, chunk_end: int,
                   candidates: list[int], maximum_length: int) -> tuple[int, int]:
    """Return (offset, length) of the longest earlier occurrence of data[position:] in the chunk.

    Matches may overlap the current position: the decompressor copies byte by byte, so comparing
    against the input itself gives the same result.
    """
    limit = min(maximum_length, chunk_end - position)
    best_length, best_offset = 0, 0
    for candidate in reversed(candidates[-_MAX_CANDIDATES:]):
        # A candidate can only beat the best match if it also agrees at the best length.
        if 0 < best_length < limit and data[candidate + best_length] != data[position + best_length]:
            continue
        length = 0
        while length < limit and data[candidate + length] == data[position + length]:
            length += 1
        if length > best_length:
            best_length, best_offset = length, position - candidate
            if length == limit:
                break
    return best_offset, best_length


def _compress_tokens(data: bytes, chunk_start: int, chunk_end: int) -> bytes:
    """Compress data[chunk_start:chunk_end] into the body of a compressed chunk (2.4.1.3.7)."""
    out = bytearray()
    positions_by_prefix: dict[bytes, list[int]] = {}
    position = chunk_start

    def remember(start: int, stop: int) -> None:
        for index in range(start, min(stop, chunk_end - _MIN_MATCH + 1)):
            positions_by_prefix.setdefault(data[index:index + _MIN_MATCH], []).append(index)

    while position < chunk_end:
        flag_index = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if position >= chunk_end:
                break
            bit_count, maximum_length = _copy_token_bit_split(position - chunk_start)
            candidates = positions_by_prefix.get(data[position:position + _MIN_MATCH], [])
            offset, length = (0, 0)
            if position + _MIN_MATCH <= chunk_end and candidates:
                offset, length = _longest_match(data, position, chunk_end, candidates, maximum_length)
            if length >= _MIN_MATCH:
                token = ((offset - 1) << (16 - bit_count)) | (length - _MIN_MATCH)
                out += token.to_bytes(2, "little")
                flags |= 1 << bit
                remember(position, position + length)
                position += length
            else:
                out.append(data[position])
                remember(position, position + 1)
                position += 1
        out[flag_index] = flags
    return bytes(out)


def _chunk_header(size_with_header: int, compressed: bool) -> bytes:
    header = (size_with_header - 3) | (_CHUNK_SIGNATURE << 12) | (int(compressed) << 15)
    return header.to_bytes(2, "little")


def compress(data: bytes) -> bytes:
    """Compress data into an MS-OVBA CompressedContainer (2.4.1.3.6)."""
    out = bytearray([_SIGNATURE])
    for chunk_start in range(0, len(data), CHUNK_SIZE):
        chunk_end = min(chunk_start + CHUNK_SIZE, len(data))
        body = _compress_tokens(data, chunk_start, chunk_end)
        if len(body) <= _MAX_COMPRESSED_CHUNK_DATA:
            out += _chunk_header(len(body) + 2, compressed=True) + body
        else:
            # Raw chunk (2.4.1.3.10).  The spec pads a short final raw chunk with zeros to 4096
            # bytes, which would append zeros to the decompressed data; we store only the real
            # bytes so any input round-trips.  Only incompressible data reaches this branch with
            # a short chunk, never VBA source text.
            out += _chunk_header(CHUNK_SIZE + 2, compressed=False) + data[chunk_start:chunk_end]
    return bytes(out)


def decompress(container: bytes) -> bytes:
    """Decompress an MS-OVBA CompressedContainer (2.4.1.3.1)."""
    if not container or container[0] != _SIGNATURE:
        raise ValueError("not an MS-OVBA compressed container: signature byte 0x01 missing")
    out = bytearray()
    position = 1
    while position < len(container):
        if position + 2 > len(container):
            raise ValueError(f"truncated chunk header at offset {position}")
        header = int.from_bytes(container[position:position + 2], "little")
        if (header >> 12) & 0b111 != _CHUNK_SIGNATURE:
            raise ValueError(f"bad chunk signature at offset {position}")
        chunk_end = min(position + (header & 0x0FFF) + 3, len(container))
        position += 2
        if not header >> 15:
            out += container[position:position + CHUNK_SIZE]
            position += CHUNK_SIZE
            continue
        chunk_start = len(out)
        while position < chunk_end:
            flags = container[position]
            position += 1
            for bit in range(8):
                if position >= chunk_end:
                    break
                if not flags >> bit & 1:
                    out.append(container[position])
                    position += 1
                    continue
                token = int.from_bytes(container[position:position + 2], "little")
                position += 2
                bit_count, _ = _copy_token_bit_split(len(out) - chunk_start)
                offset = (token >> (16 - bit_count)) + 1
                length = (token & (0xFFFF >> bit_count)) + _MIN_MATCH
                source = len(out) - offset
                if source < chunk_start:
                    raise ValueError(f"copy token points before its chunk at offset {position - 2}")
                for index in range(length):
                    out.append(out[source + index])
    return bytes(out)
