"""Keeps the PyTorch peer benchmark loaded so LogitLab can interleave its samples with its own.

Usage: LOGITLAB_PEER_SCRIPT=torch_decoder_bench.py python3 -u torch_peer_loop.py --threads N [--blas X]

The peer script (which is not changed) parses this process's arguments when it is imported: they fix
what must be fixed before torch loads (threads, BLAS library; it re-executes this file to switch BLAS).
Then every line on stdin is one JSON object of the peer's options to change for one sample, such as
{"arch": "gpt", "steps": 60}; the answer is one line "JSON {...}" with the peer's own result, its
human-readable lines before it. An unknown option answers "ERROR ..."; end of input ends the process.
"""
import argparse
import importlib.util
import json
import os
import sys

spec = importlib.util.spec_from_file_location("torch_peer", os.environ["LOGITLAB_PEER_SCRIPT"])
peer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peer)  # parses sys.argv, may re-exec with another BLAS, imports torch

meta = {"torch": peer.torch.__version__, "blas_choice": peer.ARGS.blas, "threads": peer.ARGS.threads,
        "torch_threads": peer.torch.get_num_threads(), "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", ""),
        "blas_libs": peer.loaded_blas()}
for line in sys.stdin:
    if not line.strip():
        continue
    try:
        changes = json.loads(line)
        unknown = sorted(k for k in changes if not hasattr(peer.ARGS, k))
        if unknown:
            raise ValueError("unknown peer option(s): " + ", ".join(unknown))
        if {"threads", "blas", "blas_threads"} & set(changes):
            raise ValueError("threads and BLAS are fixed for the whole process")
        a = argparse.Namespace(**{**vars(peer.ARGS), **changes})
        result = peer.bench_model(a)
        args = {k: v for k, v in vars(a).items() if not k.startswith("sgemm")}   # as the peer's own main() reports them
        print("JSON " + json.dumps({**meta, "args": args, **result}), flush=True)
    except Exception as e:  # one bad request must not end the session silently
        print("ERROR " + type(e).__name__ + ": " + str(e).replace("\n", " "), flush=True)
