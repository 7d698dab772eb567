package org.nyc311.forecast.model.prophet;

/**
 * Minimises {@code 0.5 x'Qx - r'x + lambda |x|_1} by cyclic coordinate descent on the Gram form.
 * Commons Math has no L1 solver; this one is a few lines and only ever sees the small
 * changepoint block (about 25 coordinates), so it is kept here rather than pulled in from elsewhere.
 */
final class LassoCoordinateDescent {

    private static final int MAX_SWEEPS = 2_000;
    private static final double TOLERANCE = 1e-9;

    private LassoCoordinateDescent() {}

    static void solve(double[][] q, double[] r, double lambda, double[] x) {
        int m = r.length;
        double[] gradient = r.clone(); // r - Qx, with x starting at zero
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double maxChange = 0;
            for (int j = 0; j < m; j++) {
                double qjj = q[j][j];
                if (qjj <= 1e-12) {
                    continue;
                }
                double rho = gradient[j] + qjj * x[j];
                double updated = rho > lambda ? (rho - lambda) / qjj : rho < -lambda ? (rho + lambda) / qjj : 0;
                double change = updated - x[j];
                if (change != 0) {
                    double[] qj = q[j];
                    for (int k = 0; k < m; k++) {
                        gradient[k] -= qj[k] * change;
                    }
                    x[j] = updated;
                    maxChange = Math.max(maxChange, Math.abs(change) * Math.sqrt(qjj));
                }
            }
            if (maxChange < TOLERANCE) {
                return;
            }
        }
    }
}
