"""PyTorch peer for the article's CNN benchmark (run by bench/run.mjs with the system python3).

Usage: torch_cnn.py mode=train|infer threads=N seconds=8 train=32,64 infer=256
Prints one JSON object: the same architecture, data shapes, batch sizes, optimizer (Adam) and
thread count as the Strata runs, with the version and the thread count PyTorch actually uses.
Each training step reads the loss back (loss.item()), as Keras's train_on_batch does.
"""
import json
import resource
import statistics
import sys
import time

try:
    import torch
    import torch.nn as nn
except ImportError:
    print(json.dumps({"error": "not installed"}))
    sys.exit(0)


def article_model():
    # Keras's BatchNormalization momentum 0.99 is PyTorch's momentum 0.01; epsilon 1e-3.
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(),
        nn.Conv2d(32, 64, 3), nn.ReLU(),
        nn.BatchNorm2d(64, eps=1e-3, momentum=0.01),
        nn.MaxPool2d(2), nn.Dropout(0.25),
        nn.Conv2d(64, 128, 3), nn.ReLU(),
        nn.MaxPool2d(2),
        nn.BatchNorm2d(128, eps=1e-3, momentum=0.01),
        nn.Conv2d(128, 128, 3), nn.ReLU(),
        nn.MaxPool2d(2), nn.Dropout(0.25),
        nn.Flatten(),
        nn.BatchNorm1d(2048, eps=1e-3, momentum=0.01),
        nn.Linear(2048, 1024), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(1024, 7),
    )


def call_rates(step, seconds, minimum=3):
    """Calls per second from the median call's time and over the whole window (bench/timing.mjs)."""
    step()
    times, start = [], time.perf_counter()
    while time.perf_counter() - start < seconds or len(times) < minimum:
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
    return {"median": 1 / statistics.median(times), "mean": len(times) / (time.perf_counter() - start)}


def rate(step, seconds):
    return call_rates(step, seconds)["median"]


def median_ms(step, seconds):
    for _ in range(3):
        step()
    times, start = [], time.perf_counter()
    while time.perf_counter() - start < seconds or len(times) < 11:
        t = time.perf_counter()
        step()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main():
    args = dict(a.split("=", 1) for a in sys.argv[1:])
    threads = int(args.get("threads", "1"))
    seconds = float(args.get("seconds", "8"))
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = article_model()
    out = {"version": torch.__version__, "threads": torch.get_num_threads(), "requestedThreads": threads}
    if args.get("mode", "train") == "train":
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
        loss_fn = nn.CrossEntropyLoss()
        model.train()
        out["train"] = {}
        out["trainMean"] = {}
        for b in [int(v) for v in args.get("train", "32,64").split(",")]:
            x = torch.rand(b, 1, 48, 48)
            y = torch.randint(0, 7, (b,))

            def step():
                opt.zero_grad()
                loss = loss_fn(model(x), y)
                loss.backward()
                opt.step()
                loss.item()

            r = call_rates(step, seconds)
            out["train"][str(b)] = r["median"] * b
            out["trainMean"][str(b)] = r["mean"] * b
    else:
        n = int(args.get("infer", "256"))
        model.eval()
        x = torch.rand(n, 1, 48, 48)
        one = torch.rand(1, 1, 48, 48)
        with torch.no_grad():
            out["infer"] = rate(lambda: model(x), seconds) * n
            out["latency1Ms"] = median_ms(lambda: model(one), min(seconds, 4))
    out["peakRssMiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


main()
