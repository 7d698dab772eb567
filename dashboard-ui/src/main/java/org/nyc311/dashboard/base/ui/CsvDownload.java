package org.nyc311.dashboard.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.StreamResource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** An "Export CSV" link: the file is made when clicked, from the rows the grid shows then (its filters applied). */
public final class CsvDownload {

    private CsvDownload() {}

    @SuppressWarnings("removal")
    public static Anchor link(String fileName, Supplier<String> csv) {
        StreamResource resource = new StreamResource(
                fileName, () -> new ByteArrayInputStream(csv.get().getBytes(StandardCharsets.UTF_8)));
        resource.setContentType("text/csv; charset=utf-8");
        Anchor anchor = new Anchor(resource, "Export CSV");
        anchor.getElement().setAttribute("download", true);
        anchor.addClassName("csv-export");
        return anchor;
    }
}
