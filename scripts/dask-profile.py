#!/usr/bin/python3
"""Profile one data file on a Dask cluster: one task per shard, then `synthlint merge`.

synthlint stays a Node CLI; Dask only schedules it. Each task runs
`node dist/cli.js profile FILE --shard i/n -o OUT/part-i-of-n.json` on whichever worker Dask picks, so FILE,
OUT and the CLI must be at the same paths on every worker (a shared file system). When every shard is done,
this process merges the parts with `synthlint merge` (docs/scale-out.md).

Usage:
  scripts/dask-profile.py FILE --scheduler-file SCHED.json --shards N --out DIR [options] [-- PROFILE_FLAGS...]
  scripts/dask-profile.py FILE --scheduler tcp://host:8786 --shards N --out DIR ...

Options:
  --wait-workers K   wait until K workers have joined before submitting (default 1)
  --format F         text|json, as `synthlint merge -f` (default text)
  -o FILE            write the merged profile to FILE (default: stdout)
  --cli PATH         synthlint's dist/cli.js (default: beside this script, ../dist/cli.js)
  --node PATH        the node binary on the workers (default: node)
  --timeout S        seconds allowed for the whole run (default 3600)
Flags after `--` go to every shard's `synthlint profile` (e.g. `-- --text output --exact`).

Prints one line per shard to stderr: which worker ran it, in how many seconds. Exit codes: 0 merged, 1 a shard
or the merge failed (its stderr is shown), 2 usage error.

Needs Dask's distributed scheduler (Debian: python3-distributed; pip: distributed). Debian's package lives
under /usr/bin/python3, hence the shebang.
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_shard(node, cli, data_file, index, count, out_dir, extra, cwd):
    """One task: profile shard index/count into its part file. Runs on a Dask worker, in the submitter's
    working folder, so the profile names the file as a run there would."""
    from distributed import get_worker

    part = os.path.join(out_dir, f"part-{index}-of-{count}.json")
    started = time.monotonic()
    done = subprocess.run(
        [node, cli, "profile", data_file, "--shard", f"{index}/{count}", "-o", part, *extra],
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    return {
        "index": index,
        "part": part,
        "code": done.returncode,
        "stderr": done.stderr,
        "worker": get_worker().name,
        "seconds": time.monotonic() - started,
    }


def parse_args(argv):
    extra = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1 :]
    parser = argparse.ArgumentParser(prog="dask-profile.py", description=__doc__.split("\n")[0])
    parser.add_argument("file")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="the scheduler's address, tcp://host:port")
    where.add_argument("--scheduler-file", help="the file dask-scheduler --scheduler-file wrote")
    parser.add_argument("--shards", type=int, required=True)
    parser.add_argument("--out", required=True, help="folder for the part files (shared by the workers)")
    parser.add_argument("--wait-workers", type=int, default=1)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("-o", "--output-file")
    parser.add_argument("--cli", default=os.path.join(HERE, "..", "dist", "cli.js"))
    parser.add_argument("--node", default="node")
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args(argv)
    if args.shards < 1:
        parser.error("--shards must be at least 1")
    return args, extra


def main(argv):
    args, extra = parse_args(argv)
    from distributed import Client, wait

    out_dir = os.path.abspath(args.out)
    cli = os.path.abspath(args.cli)
    os.makedirs(out_dir, exist_ok=True)
    connect = {"scheduler_file": args.scheduler_file} if args.scheduler_file else {"address": args.scheduler}
    with Client(timeout=60, **connect) as client:
        # Polled rather than client.wait_for_workers(timeout=...), which leaves an unretrieved TimeoutError
        # future behind in distributed 2022.12 (a warning on stderr at exit).
        deadline = time.monotonic() + 120
        while len(client.scheduler_info()["workers"]) < args.wait_workers:
            if time.monotonic() > deadline:
                print(f"dask-profile: fewer than {args.wait_workers} workers after 120 s; nothing run", file=sys.stderr)
                return 1
            time.sleep(0.5)
        # pure=False: a shard is a side effect (its part file), never a cached result to reuse.
        futures = [
            client.submit(run_shard, args.node, cli, args.file, i, args.shards, out_dir, extra, os.getcwd(), pure=False, key=f"synthlint-shard-{i}-of-{args.shards}")
            for i in range(args.shards)
        ]
        try:
            wait(futures, timeout=args.timeout)
        except TimeoutError:
            undone = sum(1 for f in futures if not f.done())
            print(f"dask-profile: {undone} of {args.shards} shards not done after {args.timeout:.0f} s; nothing merged", file=sys.stderr)
            return 1
        results = client.gather(futures, errors="raise")
    failed = False
    for r in sorted(results, key=lambda r: r["index"]):
        print(f"shard {r['index']}/{args.shards} on {r['worker']}: {r['seconds']:.1f} s, exit {r['code']}", file=sys.stderr)
        if r["code"] != 0:
            failed = True
            sys.stderr.write(r["stderr"])
    if failed:
        return 1
    parts = [r["part"] for r in sorted(results, key=lambda r: r["index"])]
    merge = [args.node, cli, "merge", *parts, "--format", args.format]
    if args.output_file:
        merge += ["-o", args.output_file]
    return subprocess.run(merge).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
