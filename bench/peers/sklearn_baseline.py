"""Paperless-ngx style baseline for bench/classify.bench.ts.

Reads <dir>/train.jsonl and <dir>/test.jsonl ({"amtId", "label", "text"} per line), trains one model per
Amt as Paperless-ngx's classifier does (CountVectorizer word 1-2-grams, min_df=0.01, MLPClassifier with
tol=0.01), and prints one JSON object: training seconds, top-1/top-3 accuracy and peak memory.
Uses Debian's python3-sklearn; run it with /usr/bin/python3.
"""
import json
import resource
import sys
import time

from sklearn.feature_extraction.text import CountVectorizer
from sklearn.neural_network import MLPClassifier


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(folder):
    train = read(f"{folder}/train.jsonl")
    test = read(f"{folder}/test.jsonl")
    train_seconds = 0.0
    predict_seconds = 0.0
    top1 = top3 = total = 0
    for amt in sorted({d["amtId"] for d in train}):
        tr = [d for d in train if d["amtId"] == amt]
        te = [d for d in test if d["amtId"] == amt]
        t0 = time.perf_counter()
        vectorizer = CountVectorizer(analyzer="word", lowercase=True, ngram_range=(1, 2), min_df=0.01)
        x = vectorizer.fit_transform([d["text"] for d in tr])
        model = MLPClassifier(tol=0.01, random_state=0)
        model.fit(x, [d["label"] for d in tr])
        train_seconds += time.perf_counter() - t0
        t1 = time.perf_counter()
        proba = model.predict_proba(vectorizer.transform([d["text"] for d in te]))
        predict_seconds += time.perf_counter() - t1
        classes = list(model.classes_)
        for d, p in zip(te, proba):
            ranked = [classes[i] for i in sorted(range(len(classes)), key=lambda i: -p[i])[:3]]
            total += 1
            top1 += ranked[0] == d["label"]
            top3 += d["label"] in ranked
    print(json.dumps({
        "trainDocuments": len(train),
        "testDocuments": total,
        "trainSeconds": train_seconds,
        "predictMsPerDoc": 1000 * predict_seconds / max(total, 1),
        "top1": top1 / max(total, 1),
        "top3": top3 / max(total, 1),
        "peakMegabytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
