package org.nyc311.forecast.reconcile;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which series add up to which, over {@code series} series numbered from 0: each {@link Sum} says one series (a
 * borough's total, the city's) is the sum of others (its complaint types, its boroughs). The sums form a tree: no
 * series is the total of two sums, none is a part of two.
 */
public record Hierarchy(int series, List<Sum> sums) {

    public Hierarchy {
        sums = List.copyOf(sums);
        Set<Integer> totals = new HashSet<>();
        Set<Integer> parts = new HashSet<>();
        for (Sum sum : sums) {
            check(sum.total(), series);
            if (!totals.add(sum.total())) {
                throw new IllegalArgumentException("series " + sum.total() + " is the total of two sums");
            }
            for (int part : sum.parts()) {
                check(part, series);
                if (part == sum.total() || !parts.add(part)) {
                    throw new IllegalArgumentException("series " + part + " is a part of two sums, or of its own");
                }
            }
        }
    }

    private static void check(int index, int series) {
        if (index < 0 || index >= series) {
            throw new IllegalArgumentException("no series " + index + " among " + series);
        }
    }

    /** Series {@code total} is the sum of series {@code parts} (at least one). */
    public record Sum(int total, int[] parts) {

        public Sum {
            if (parts.length == 0) {
                throw new IllegalArgumentException("a sum of nothing: series " + total);
            }
            parts = parts.clone();
        }

        @Override
        public int[] parts() {
            return parts.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sum other && total == other.total && Arrays.equals(parts, other.parts);
        }

        @Override
        public int hashCode() {
            return 31 * total + Arrays.hashCode(parts);
        }

        @Override
        public String toString() {
            return "Sum[" + total + " = " + Arrays.toString(parts) + "]";
        }
    }

    /**
     * How far {@code values} (one per series) are from adding up: the largest gap between a total and the sum of its
     * parts, relative to the total (absolute when the total is under 1).
     */
    public double incoherence(double[] values) {
        double worst = 0;
        for (Sum sum : sums) {
            double parts = 0;
            for (int part : sum.parts) {
                parts += values[part];
            }
            double total = values[sum.total];
            worst = Math.max(worst, Math.abs(total - parts) / Math.max(1, Math.abs(total)));
        }
        return worst;
    }
}
