package org.nyc311.dashboard.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    record Row(String name, Integer count) {
    }

    @Test
    void fieldsWithCommasQuotesOrNewlinesAreQuotedAndNullsAreEmpty() {
        String csv = Csv.of(List.of(new Csv.Column<Row>("name", Row::name), new Csv.Column<Row>("count", Row::count)),
                List.of(new Row("Noise, Residential", 3), new Row("say \"hi\"", null), new Row("two\nlines", 1)));

        assertThat(csv).isEqualTo("name,count\r\n\"Noise, Residential\",3\r\n\"say \"\"hi\"\"\",\r\n\"two\nlines\",1\r\n");
    }
}
