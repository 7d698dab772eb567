package org.nyc311.model.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiScopeTest {

    @ParameterizedTest(name = "{0} {1} needs {2}: {3}")
    @CsvSource(textBlock = """
            GET,    /api/v1/forecasts/noise/BROOKLYN,  READ,     reads need the read scope whatever the path
            get,    /api/v1/alerts,                    READ,     reads need the read scope whatever the path
            HEAD,   /api/v1/series,                    READ,     reads need the read scope whatever the path
            POST,   /api/v1/forecasts,                 FORECAST, only posting an on-demand forecast needs the forecast scope
            POST,   /api/v1/forecasts/,                FORECAST, only posting an on-demand forecast needs the forecast scope
            POST,   /api/v1/forecast-runs,             OPERATE,  only posting an on-demand forecast needs the forecast scope
            PUT,    /api/v1/forecasts,                 OPERATE,  only posting an on-demand forecast needs the forecast scope
            POST,   /api/v1/ingestions,                OPERATE,  every other change needs the operate scope
            POST,   /api/v1/pipeline-runs/abc/rerun,   OPERATE,  every other change needs the operate scope
            PUT,    /api/v1/alerts/1/acknowledgement,  OPERATE,  every other change needs the operate scope
            DELETE, /api/v1/alerts/1/label,            OPERATE,  every other change needs the operate scope
            """)
    void aRequestNeedsTheScopeOfItsMethodAndPath(String method, String path, ApiScope scope, String rule) {
        assertEquals(scope, ApiScope.requiredFor(method, path), rule);
    }

    @Test
    void scopesAreNamedAsTokensCarryThem() {
        assertEquals(ApiScope.OPERATE, ApiScope.of("nyc311/operate"));
        assertEquals("SCOPE_nyc311/read", ApiScope.READ.authority());
        assertEquals("nyc311/read nyc311/operate nyc311/forecast", ApiScope.all());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ApiScope.of("admin"));
        assertTrue(unknown.getMessage().contains("nyc311/read"));
    }
}
