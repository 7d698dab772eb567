package org.nyc311.anomaly.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.anomaly.support.GoldTables;
import org.nyc311.service.gold.GoldProperties;
import org.nyc311.service.gold.GoldUnavailableException;
import org.nyc311.service.gold.extract.GoldExtractProperties;
import org.nyc311.service.gold.extract.GoldExtractStore;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.warehouse.GoldExtractFromWarehouse;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link ExtractedActuals} over the extract of the warehouse's gold rows, on a real S3 (s3proxy), answers what {@link
 * WarehouseActuals} answers from the warehouse itself, series by series and day by day.
 */
@ExtendWith(LocalSqlWarehouseExtension.class)
class ExtractedActualsIT {

    private static final String BUCKET = "nyc311-lake";

    private static S3Server s3;
    private static S3Client client;
    private static WarehouseActuals warehouseActuals;
    private static ExtractedActuals extractedActuals;

    @BeforeAll
    static void actuals(LocalSqlWarehouseProcess warehouse) throws Exception {
        GoldTables.create(warehouse);
        warehouseActuals = new WarehouseActuals(
                new GoldProperties(
                        null, warehouse.jdbcUrl(), "", "", null, null, null, 0, Duration.ofSeconds(10), 0, null),
                new SimpleMeterRegistry());
        // the same rows, through their extract on S3
        s3 = GoldExtractFromWarehouse.onNewS3(warehouse, BUCKET, 4, 2);
        client = s3.client();
        extractedActuals =
                new ExtractedActuals(new GoldExtractStore(client, new GoldExtractProperties(true, BUCKET, null)));
    }

    @AfterAll
    static void close() throws Exception {
        warehouseActuals.close();
        extractedActuals.close();
        client.close();
        s3.close();
    }

    @Test
    void theExtractAnswersAsTheWarehouseFromAnyFirstDay() {
        for (LocalDate from : new LocalDate[] {
            GoldTables.LAST_DAY.minusDays(6), GoldTables.LAST_DAY.minusDays(60), LocalDate.of(2019, 1, 1)
        }) {
            Map<String, TreeMap<LocalDate, Long>> fromWarehouse = warehouseActuals.since(from);

            assertThat(fromWarehouse).as("the fixture has rows from %s", from).containsKey(GoldTables.SPIKING);
            assertThat(extractedActuals.since(from)).as("from %s", from).isEqualTo(fromWarehouse);
        }
    }

    @Test
    void aBucketWithoutTheExtractIsGoldUnavailableForTheCheckToRetry() {
        ExtractedActuals elsewhere = new ExtractedActuals(
                new GoldExtractStore(client, new GoldExtractProperties(true, BUCKET, "elsewhere/current.json")));

        assertThatThrownBy(() -> elsewhere.since(GoldTables.LAST_DAY))
                .isInstanceOf(GoldUnavailableException.class)
                .hasMessageStartingWith("no gold extract at s3://" + BUCKET + "/elsewhere/current.json");
    }
}
