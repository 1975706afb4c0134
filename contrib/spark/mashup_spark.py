"""Run `mashup scan` over an archive on Apache Spark, then merge.

Spark only hands out the work: the `mashup` binary is shipped to every
executor with `SparkContext.addFile`, each of N tasks runs

    mashup scan ARGS... --shard i/N --format jsonl

and `mashup merge` on the driver builds the report from the N parts, byte for
byte the report one `mashup scan ARGS...` on one machine would write. The
inputs must be readable at the same paths on every executor (shared storage),
as for any sharded scan; each task runs in the driver's working folder, so
relative paths work and appear in the report as on one machine.

    spark-submit contrib/spark/mashup_spark.py \\
        --mashup target/release/mashup --shards 16 \\
        --parts /shared/parts --format html --output report.html \\
        -- /shared/archive --index /shared/archive/index.csv

Parts go to --parts (a folder every executor and the driver can reach), or,
with --collect, come back to the driver as lines (for clusters without shared
storage; the driver then holds every part's lines once, while writing them).
"""

import argparse
import os
import stat
import subprocess
import sys
import tempfile

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mashup", required=True, help="the mashup binary to ship to the executors")
    parser.add_argument("--shards", type=int, required=True, help="number of tasks (shards)")
    parser.add_argument("--parts", help="shared folder for the JSON Lines parts")
    parser.add_argument("--collect", action="store_true", help="return the parts' lines to the driver instead")
    parser.add_argument("--format", default="json", help="report format for `mashup merge` (default json)")
    parser.add_argument("--output", help="report file (default: stdout)")
    parser.add_argument("scan_args", nargs="+", help="arguments of `mashup scan` (paths, --index, --lexicon, ...)")
    args = parser.parse_args(argv)
    if args.shards < 1:
        parser.error("--shards must be at least 1")
    if bool(args.parts) == bool(args.collect):
        parser.error("give either --parts DIR or --collect")
    return args


def shipped_mashup():
    """The binary as shipped to this executor, made executable."""
    path = SparkFiles.get("mashup")
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def run_shard(index, shards, scan_args, parts, cwd):
    """One task: `mashup scan --shard index/shards`, run in the driver's
    working folder (on shared storage, so that relative paths name the same
    files and come out in the report as they would on one machine); returns
    the part's path, or its lines when there is no shared folder."""
    if not os.path.isdir(cwd):
        raise RuntimeError(f"shard {index}/{shards}: the driver's folder {cwd} is not on this executor")
    command = [shipped_mashup(), "scan", *scan_args,
               "--shard", f"{index}/{shards}", "--format", "jsonl"]
    if parts:
        target = os.path.join(parts, f"part-{index:05d}.jsonl")
        command += ["-o", target]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
    # Status 1 means some documents failed: they are in the part, and the
    # merge reports them. Anything else is a failed task.
    if done.returncode not in (0, 1):
        raise RuntimeError(
            f"shard {index}/{shards}: mashup exited with {done.returncode}: "
            + done.stderr.decode(errors="replace"))
    if parts:
        return (index, target)
    return (index, done.stdout.decode("utf-8"))


def main(argv):
    args = parse_args(argv)
    spark = SparkSession.builder.appName("mashup").getOrCreate()
    sc = spark.sparkContext
    binary = os.path.abspath(args.mashup)
    sc.addFile(binary)
    if os.path.basename(binary) != "mashup":
        raise SystemExit("--mashup must name a file called mashup (SparkFiles finds it by name)")
    parts = os.path.abspath(args.parts) if args.parts else None
    if parts:
        os.makedirs(parts, exist_ok=True)
    shards, scan_args, cwd = args.shards, args.scan_args, os.getcwd()
    results = (sc.parallelize(range(shards), shards)
               .map(lambda i: run_shard(i, shards, scan_args, parts, cwd))
               .collect())
    spark.stop()

    with tempfile.TemporaryDirectory() as scratch:
        paths = []
        for index, result in sorted(results):
            if args.collect:
                path = os.path.join(scratch, f"part-{index:05d}.jsonl")
                with open(path, "w", encoding="utf-8") as out:
                    out.write(result)
                result = path
            paths.append(result)
        command = [binary, "merge", *paths, "--format", args.format]
        if args.output:
            command += ["-o", args.output]
        return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
