"""PyTorch peer for the article's CNN benchmark (run by bench/run.mjs with the system python3).

Prints one JSON object: training and inference samples/second and peak RSS, with the same
architecture, data shapes, batch sizes, optimizer (Adam) and thread count as the Strata runs.
"""
import json
import resource
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


def main():
    args = dict(a.split("=", 1) for a in sys.argv[1:])
    threads = int(args.get("threads", "1"))
    train_batches = [int(b) for b in args.get("train", "32,64").split(",")]
    infer_batch = int(args.get("infer", "256"))
    seconds = float(args.get("seconds", "8"))
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = article_model()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    out = {"threads": threads, "version": torch.__version__, "train": {}}
    for b in train_batches:
        x = torch.rand(b, 1, 48, 48)
        y = torch.randint(0, 7, (b,))
        model.train()
        for _ in range(2):
            opt.zero_grad(); loss_fn(model(x), y).backward(); opt.step()
        steps, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds or steps < 3:
            opt.zero_grad(); loss_fn(model(x), y).backward(); opt.step()
            steps += 1
        out["train"][str(b)] = steps * b / (time.perf_counter() - start)
    model.eval()
    x = torch.rand(infer_batch, 1, 48, 48)
    with torch.no_grad():
        model(x)
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds or n < 3:
            model(x)
            n += 1
    out["infer"] = n * infer_batch / (time.perf_counter() - start)
    out["peakRssMiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


main()
