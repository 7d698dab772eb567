package org.nyc311.forecastservice.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nyc311.forecastservice.support.GoldFixture;
import org.nyc311.model.gold.extract.GoldExtractLayout;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.service.gold.GoldUnavailableException;
import org.nyc311.service.gold.extract.GoldExtractProperties;
import org.nyc311.service.gold.extract.GoldExtractStore;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.warehouse.GoldExtractFromWarehouse;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every check of {@link GoldWarehouseIT}, asked of {@link ExtractedGold} over the extract of the same gold rows on a
 * real S3 (s3proxy): the two readers answer alike, so production can read the extract where it read a warehouse.
 */
class ExtractedGoldIT extends GoldWarehouseIT {

    private static final String BUCKET = "nyc311-lake";

    private static S3Server s3;
    private static S3Client client;

    /** Hides {@link GoldWarehouseIT}'s: the same fixture, read through its extract. */
    @BeforeAll
    static void gold(LocalSqlWarehouseProcess warehouse) throws Exception {
        GoldFixture.create(warehouse);
        s3 = GoldExtractFromWarehouse.onNewS3(warehouse, BUCKET, 7, 3);
        client = s3.client();
        gold = new ExtractedGold(new GoldExtractStore(client, new GoldExtractProperties(true, BUCKET, null)), 3 * 365);
    }

    /** Hides {@link GoldWarehouseIT}'s. */
    @AfterAll
    static void close() {
        gold.close();
        client.close();
        s3.close();
    }

    @Test
    void theSnapshotCarriesTheVersionOfTheDailySeriesTheExtractWasWrittenAt() {
        assertThat(gold.forecastableHistory(Optional.empty(), -1).goldVersion()).isEqualTo(7);
        assertThat(gold.version()).isEqualTo(7);
    }

    @Test
    void s3AwayIsGoldUnavailableAndTheSameReaderAnswersOnceItIsBack(LocalSqlWarehouseProcess warehouse)
            throws Exception {
        s3.close();
        try {
            assertThatThrownBy(() -> gold.catalogEntry(SeriesKey.parse("all/all")))
                    .isInstanceOf(GoldUnavailableException.class)
                    .hasMessageStartingWith("could not read s3://" + BUCKET + "/" + GoldExtractLayout.MANIFEST);
        } finally {
            s3 = s3.startAgain();
        }
        assertThat(gold.catalogEntry(SeriesKey.parse("all/all"))).isPresent();

        // the job writes a newer gold: the next read sees it, with no restart
        GoldExtractFromWarehouse.write(warehouse, client, BUCKET, 9, 4);
        assertThat(gold.version()).isEqualTo(9);
        GoldExtractFromWarehouse.write(warehouse, client, BUCKET, 7, 3);
    }

    @Test
    void noExtractYetIsGoldUnavailableNamingWhereItWasLookedFor() throws Exception {
        Path folder = Files.createTempDirectory("no-extract");
        try (S3Server empty = S3Server.start(folder, 0);
                S3Client emptyClient = empty.client()) {
            empty.createBucket(BUCKET);
            ExtractedGold none = new ExtractedGold(
                    new GoldExtractStore(emptyClient, new GoldExtractProperties(true, BUCKET, null)), 365);

            assertThatThrownBy(() -> none.catalog(Optional.empty(), Optional.empty()))
                    .isInstanceOf(GoldUnavailableException.class)
                    .hasMessageStartingWith("no gold extract at s3://" + BUCKET + "/" + GoldExtractLayout.MANIFEST);
        }
    }
}
