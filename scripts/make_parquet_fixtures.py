#!/usr/bin/env python3
"""Writes the tiny Parquet files that test the core's reader against each compression codec.

Regenerate (from the repository root, with python3 and pyarrow installed):

    python3 scripts/make_parquet_fixtures.py

It writes `core/src/io/parquet/fixtures/codec_<name>.parquet`: one small table (int64, float64,
string, bool and timestamp[ms] columns, with nulls) in every codec pyarrow writes (none, snappy,
gzip, brotli, lz4 - which pyarrow stores as LZ4_RAW -, zstd). pyarrow cannot write LZO (the one
Parquet codec Jukebox cannot read), the legacy LZ4 label, nor an undefined codec number: those
files are written ones with the codec number of every column chunk rewritten in the footer
(data pages hold no codec, so only the footer changes; see PATCHED). The tests in
`core/src/io/parquet/codecs.rs` assert the values below; change both together.
"""

import datetime
import pathlib

import pyarrow as pa
import pyarrow.parquet as pq

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "core/src/io/parquet/fixtures"

# Parquet's CompressionCodec enum (parquet.thrift).
CODECS = {0: "UNCOMPRESSED", 1: "SNAPPY", 2: "GZIP", 3: "LZO", 4: "BROTLI", 5: "LZ4", 6: "ZSTD", 7: "LZ4_RAW"}
WRITTEN = ["none", "snappy", "gzip", "brotli", "lz4", "zstd"]
# Rewritten fixtures: name -> (written fixture it copies, codec number put in its footer).
# `lz4_legacy`: raw LZ4 blocks under the legacy LZ4 label, as older pyarrow (parquet-cpp) wrote them.
PATCHED = {"lzo": ("none", 3), "unknown": ("none", 42), "lz4_legacy": ("lz4", 5)}


def table() -> pa.Table:
    day = datetime.datetime(2024, 8, 26)
    return pa.table(
        {
            "rank": pa.array([1, 2, None, 50], pa.int64()),
            "danceability": pa.array([0.5, -1.25, 3.0e10, None], pa.float64()),
            "name": pa.array(["Espresso", "Été", None, ""], pa.string()),
            "is_explicit": pa.array([True, False, None, True], pa.bool_()),
            "snapshot_date": pa.array(
                [day, None, day - datetime.timedelta(days=314), datetime.datetime(1970, 1, 1)],
                pa.timestamp("ms"),
            ),
        }
    )


class Compact:
    """Just enough of Thrift's compact protocol to find where each i32 of a struct is stored."""

    def __init__(self, data: bytes, pos: int):
        self.data, self.pos = data, pos

    def byte(self) -> int:
        self.pos += 1
        return self.data[self.pos - 1]

    def varint(self) -> int:
        shift = value = 0
        while True:
            b = self.byte()
            value |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return value

    def value(self, kind: int, path: tuple, found: list) -> None:
        if kind in (1, 2):  # booleans are held in the field header
            return
        if kind == 3:
            self.pos += 1
        elif kind in (4, 5, 6):
            at = self.pos
            raw = self.varint()
            if kind == 5:
                found.append((path, at, self.pos - at, (raw >> 1) ^ -(raw & 1)))
        elif kind == 7:
            self.pos += 8
        elif kind == 8:
            length = self.varint()  # read first: `self.pos += self.varint()` would lose its bytes
            self.pos += length
        elif kind in (9, 10):
            header = self.byte()
            size = header >> 4 if header >> 4 != 15 else self.varint()
            for _ in range(size):
                self.value(header & 0x0F if header & 0x0F not in (1, 2) else 3, path, found)
        elif kind == 11:
            size = self.varint()
            types = self.byte() if size else 0
            for _ in range(size):
                self.value(types >> 4, path, found)
                self.value(types & 0x0F, path, found)
        elif kind == 12:
            self.struct(path, found)
        else:
            raise ValueError(f"unknown thrift type {kind} at byte {self.pos}")

    def struct(self, path: tuple, found: list) -> None:
        field = 0
        while True:
            header = self.byte()
            if header == 0:
                return
            delta = header >> 4
            if delta:
                field += delta
            else:
                raw = self.varint()
                field = (raw >> 1) ^ -(raw & 1)
            self.value(header & 0x0F, path + (field,), found)


def codec_slots(data: bytes) -> list:
    """(offset, length, codec) of every ColumnChunk.meta_data.codec in the footer."""
    footer_len = int.from_bytes(data[-8:-4], "little")
    found = []
    Compact(data, len(data) - 8 - footer_len).struct((), found)
    # FileMetaData.row_groups(4) -> RowGroup.columns(1) -> ColumnChunk.meta_data(3) -> codec(4)
    return [(at, n, value) for path, at, n, value in found if path == (4, 1, 3, 4)]


def with_codec(data: bytes, codec: int) -> bytes:
    out = bytearray(data)
    raw = (codec << 1) ^ (codec >> 31)
    for at, n, _ in codec_slots(data):
        if n != 1 or raw >= 0x80:
            raise ValueError("the codec must fit the one byte it replaces")
        out[at] = raw
    return bytes(out)


def main() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name in WRITTEN:
        path = FIXTURES / f"codec_{name}.parquet"
        pq.write_table(table(), path, compression=name)
    for name, (source, codec) in PATCHED.items():
        written = (FIXTURES / f"codec_{source}.parquet").read_bytes()
        (FIXTURES / f"codec_{name}.parquet").write_bytes(with_codec(written, codec))
    for path in sorted(FIXTURES.glob("codec_*.parquet")):
        codecs = {CODECS.get(c, str(c)) for _, _, c in codec_slots(path.read_bytes())}
        print(f"{path.name}: {path.stat().st_size} bytes, {', '.join(sorted(codecs))}")


if __name__ == "__main__":
    main()
