package org.nyc311.delta.bronze;

import java.util.List;

/** Column names of {@code bronze/service_requests}: every SODA field as a string, plus the intake columns. */
public final class BronzeColumns {

    /**
     * The SODA fields of dataset erm2-nwe9 kept as columns. SODA system fields ({@code :id},
     * {@code :created_at}, {@code :updated_at}) are renamed with a {@code soda_} prefix, because a colon
     * in a column name needs quoting in every SQL dialect. Anything else lands in {@link #RESCUED}.
     */
    public static final List<String> SOURCE_FIELDS = List.of(
            "unique_key",
            "created_date",
            "closed_date",
            "agency",
            "agency_name",
            "complaint_type",
            "descriptor",
            "location_type",
            "incident_zip",
            "incident_address",
            "street_name",
            "cross_street_1",
            "cross_street_2",
            "intersection_street_1",
            "intersection_street_2",
            "address_type",
            "city",
            "landmark",
            "status",
            "resolution_description",
            "resolution_action_updated_date",
            "community_board",
            "bbl",
            "borough",
            "x_coordinate_state_plane",
            "y_coordinate_state_plane",
            "open_data_channel_type",
            "park_facility_name",
            "park_borough",
            "latitude",
            "longitude",
            "location",
            "bridge_highway_name",
            "bridge_highway_direction",
            "bridge_highway_segment",
            "taxi_pick_up_location",
            "facility_type",
            "road_ramp",
            "due_date",
            "vehicle_type",
            "taxi_company_borough");

    /** SODA system fields as they appear in the source, and the column each becomes. */
    public static final List<String[]> SYSTEM_FIELDS =
            List.of(new String[] {":id", "soda_id"}, new String[] {":created_at", "soda_created_at"}, new String[] {
                ":updated_at", "soda_updated_at"
            });

    public static final String SOURCE_FILE = "_source_file";
    public static final String RUN_ID = "_run_id";
    public static final String INGESTED_AT = "_ingested_at";
    /** Fields not in the schema as a JSON object, or the whole line when it is not a JSON object at all. */
    public static final String RESCUED = "_rescued_data";

    public static final String INGESTION_DATE = "ingestion_date";
    /** The ingest run folder ({@code run=<id>}) the file came from. */
    public static final String INGESTION_RUN = "ingestion_run";

    private BronzeColumns() {}
}
