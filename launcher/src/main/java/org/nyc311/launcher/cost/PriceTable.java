package org.nyc311.launcher.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The prices (and the usage no template states) that {@link Estimate} multiplies by: a resource file per region,
 * with the date its prices were taken, so that the estimate is reproducible and its age visible.
 */
public final class PriceTable {

    private final Properties prices;

    private PriceTable(Properties prices) {
        this.prices = prices;
    }

    /** The table kept in this package, {@code prices-<region>.properties}. */
    public static PriceTable of(String region) {
        String resource = "prices-" + region + ".properties";
        try (InputStream in = PriceTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no price table for region " + region + " (" + resource + ")");
            }
            Properties prices = new Properties();
            prices.load(in);
            return new PriceTable(prices);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String region() {
        return text("region");
    }

    public String date() {
        return text("date");
    }

    public double hoursPerMonth() {
        return price("hours-per-month");
    }

    /** A number of the table; a key it lacks is an error naming the key, never a zero. */
    public double price(String key) {
        return Double.parseDouble(text(key));
    }

    public boolean has(String key) {
        return prices.containsKey(key);
    }

    private String text(String key) {
        String value = prices.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("the price table of " + prices.getProperty("region") + " has no " + key
                    + ": add it to prices-" + prices.getProperty("region") + ".properties with its source");
        }
        return value.trim();
    }
}
