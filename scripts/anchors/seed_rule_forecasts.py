#!/usr/bin/env python3
"""Prophet forecasts of the seeds' anomaly rule, for the detection benchmark's anchor only.

The seeds flag a day whose actual lies above Prophet's 95% upper bound and alert after 3 flagged days
in a row; Seed 001 refits Prophet weekly. This writes, for one real series, the forecasts that rule
would have judged each day by: every day of the evaluated window, plus the 28 days before it (so a
run of flags that began before the window is seen), is forecast by the newest weekly fit made on or
before it. A fit on refit day r uses all history strictly before r: Prophet with its defaults, US
holidays and interval_width 0.95, fitted by MAP (mcmc_samples=0), with numpy seeded per fit so that
the sampled intervals are the same on every run.

Output CSV: date,yhat,lower,upper,origin (origin = the refit day of the fit that made the row).
Run it from the pinned environment of scripts/anchors-venv.sh, never from the services or CI:

  $VENV/bin/python scripts/anchors/seed_rule_forecasts.py --series CSV --from DAY --to DAY --out CSV
"""
import argparse
import csv
import datetime as dt
import logging
import sys
import time

import numpy as np
import pandas as pd
import prophet
from prophet import Prophet

LOOK_BACK_DAYS = 28
REFIT_EVERY_DAYS = 7
INTERVAL_WIDTH = 0.95


def forecasts(history, first, last, log):
    """Rows of (date, yhat, lower, upper, origin) for first - 28 days .. last, refitted weekly."""
    rows = []
    refit = first - dt.timedelta(days=LOOK_BACK_DAYS)
    fits = 0
    started = time.monotonic()
    while refit <= last:
        train = history[history["ds"] < pd.Timestamp(refit)]
        until = min(refit + dt.timedelta(days=REFIT_EVERY_DAYS - 1), last)
        days = pd.DataFrame({"ds": pd.date_range(refit, until, freq="D")})
        # Seeded per fit: Prophet samples its intervals, and a rerun must write the same bounds.
        np.random.seed(fits)
        model = Prophet(interval_width=INTERVAL_WIDTH, mcmc_samples=0)
        model.add_country_holidays(country_name="US")
        model.fit(train)
        predicted = model.predict(days)
        fits += 1
        for _, p in predicted.iterrows():
            rows.append((p["ds"].date(), p["yhat"], p["yhat_lower"], p["yhat_upper"], refit))
        log.info("fit %d on %d days before %s: %s .. %s (%.1f s so far)", fits, len(train), refit, refit, until,
                 time.monotonic() - started)
        refit += dt.timedelta(days=REFIT_EVERY_DAYS)
    log.info("%d fits in %.1f s (prophet %s)", fits, time.monotonic() - started, prophet.__version__)
    return rows


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--series", required=True, help="series CSV with columns date,count")
    parser.add_argument("--from", dest="first", required=True, type=dt.date.fromisoformat,
                        help="first day of the evaluated window")
    parser.add_argument("--to", dest="last", required=True, type=dt.date.fromisoformat,
                        help="last day of the evaluated window")
    parser.add_argument("--out", required=True, help="CSV to write")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    log = logging.getLogger("seed_rule_forecasts")
    logging.getLogger("cmdstanpy").setLevel(logging.WARNING)
    series = pd.read_csv(args.series, parse_dates=["date"])
    history = pd.DataFrame({"ds": series["date"], "y": series["count"].astype(float)})
    rows = forecasts(history, args.first, args.last, log)
    with open(args.out, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["date", "yhat", "lower", "upper", "origin"])
        for day, yhat, lower, upper, origin in rows:
            writer.writerow([day.isoformat(), f"{yhat:.4f}", f"{lower:.4f}", f"{upper:.4f}", origin.isoformat()])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
