"""Benchmarks: ``python -m bench`` (the whole run), ``bench.http_load`` (loopback load generator),
``bench.articles`` (the fixed sample). Per-component micro-benchmarks live beside them."""
