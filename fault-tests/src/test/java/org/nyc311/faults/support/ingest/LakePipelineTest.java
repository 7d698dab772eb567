package org.nyc311.faults.support.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakePipelineTest {

    @TempDir
    Path dir;

    @Test
    void goldCountsReadAComplaintTypeQuotedForItsCommaAndLineBreak() throws Exception {
        // as ExportGold writes it (RFC 4180): the awkward type quoted, over two lines
        Path csv = Files.writeString(
                dir.resolve("gold.csv"),
                "date,complaint_type,borough,count\n"
                        + "2024-01-02,\"Noise, Residential\nLoud Music\",BROOKLYN,3\n"
                        + "2024-01-02,Heat/Hot Water,BRONX,7\n"
                        + "2024-01-02,\"Noise, Residential\nLoud Music\",BROOKLYN,2\n");

        assertThat(LakePipeline.goldCounts(csv))
                .containsOnlyKeys(
                        "2024-01-02,Noise, Residential\nLoud Music,BROOKLYN", "2024-01-02,Heat/Hot Water,BRONX")
                .containsEntry("2024-01-02,Noise, Residential\nLoud Music,BROOKLYN", 5L)
                .containsEntry("2024-01-02,Heat/Hot Water,BRONX", 7L);
    }
}
