#!/usr/bin/env python3
"""The anchors of the forecasting benchmark, on the same rolling origins as the engine.

engine-tools' ForecastBenchmark --anchors writes one series (date,count, consecutive days) and the
origins it evaluates (prefix lengths: the fit sees the first `origin` days), runs this script from the
pinned environment of scripts/anchors-venv.sh, and scores what it writes exactly as it scores the
engine. The anchors, each fitted afresh at every origin on the days before it only:

- prophet: Prophet's defaults plus US holidays, interval_width 0.95, MAP fit (mcmc_samples=0), numpy
  seeded per fit so that its sampled intervals are the same on every run;
- auto_ets: statsforecast's AutoETS, weekly season;
- mstl: statsforecast's MSTL with weekly and, where the prefix holds two years, yearly seasons
  (AutoETS on the remainder, statsforecast's default).

Output CSV: method,origin,step,yhat,lower,upper (step 0 is the day after the prefix), and a last
line per method on stderr with its fit count and seconds. Never used by the services or CI.

  $VENV/bin/python scripts/anchors/rolling_forecasts.py --series CSV --origins 100,107 --horizon 7 --out CSV
"""
import argparse
import csv
import logging
import sys
import time

import numpy as np
import pandas as pd
import prophet
import statsforecast
from prophet import Prophet
from statsforecast import StatsForecast
from statsforecast.models import MSTL, AutoETS

LEVEL = 95
YEAR = 365


def prophet_rows(history, origin, horizon, seed):
    # Seeded per fit: Prophet samples its intervals, and a rerun must write the same bounds.
    np.random.seed(seed)
    model = Prophet(interval_width=LEVEL / 100, mcmc_samples=0)
    model.add_country_holidays(country_name="US")
    model.fit(history.iloc[:origin])
    future = model.make_future_dataframe(periods=horizon, include_history=False)
    predicted = model.predict(future)
    return list(zip(predicted["yhat"], predicted["yhat_lower"], predicted["yhat_upper"]))


def statsforecast_rows(history, origin, horizon, name):
    train = history.iloc[:origin].assign(unique_id="series")
    if name == "auto_ets":
        model = AutoETS(season_length=7)
        column = "AutoETS"
    else:
        seasons = [7, YEAR] if origin >= 2 * YEAR else [7]
        model = MSTL(season_length=seasons)
        column = "MSTL"
    out = StatsForecast(models=[model], freq="D").forecast(df=train, h=horizon, level=[LEVEL])
    return list(zip(out[column], out[f"{column}-lo-{LEVEL}"], out[f"{column}-hi-{LEVEL}"]))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--series", required=True, help="CSV of date,count with a header, consecutive days")
    parser.add_argument("--origins", required=True, help="comma-separated prefix lengths")
    parser.add_argument("--horizon", type=int, required=True)
    parser.add_argument("--methods", default="prophet,auto_ets,mstl")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    logging.getLogger("cmdstanpy").setLevel(logging.WARNING)
    logging.getLogger("prophet").setLevel(logging.WARNING)

    history = pd.read_csv(args.series)
    history.columns = ["ds", "y"]
    history["ds"] = pd.to_datetime(history["ds"])
    origins = [int(o) for o in args.origins.split(",") if o]
    bad = [o for o in origins if o < 2 or o > len(history)]
    if bad:
        parser.error(f"origins outside 2..{len(history)}: {bad}")
    methods = [m for m in args.methods.split(",") if m]
    unknown = set(methods) - {"prophet", "auto_ets", "mstl"}
    if unknown:
        parser.error(f"unknown methods: {sorted(unknown)}")

    with open(args.out, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["method", "origin", "step", "yhat", "lower", "upper"])
        for method in methods:
            started = time.monotonic()
            for k, origin in enumerate(origins):
                if method == "prophet":
                    rows = prophet_rows(history, origin, args.horizon, k)
                else:
                    rows = statsforecast_rows(history, origin, args.horizon, method)
                for step, (yhat, lower, upper) in enumerate(rows):
                    out.writerow([method, origin, step, f"{yhat:.4f}", f"{lower:.4f}", f"{upper:.4f}"])
            print(f"{method}: {len(origins)} fits in {time.monotonic() - started:.1f} s "
                  f"(prophet {prophet.__version__}, statsforecast {statsforecast.__version__})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
