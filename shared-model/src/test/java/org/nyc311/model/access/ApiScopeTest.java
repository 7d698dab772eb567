package org.nyc311.model.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiScopeTest {

    @Test
    void readsNeedTheReadScopeWhateverThePath() {
        assertEquals(ApiScope.READ, ApiScope.requiredFor("GET", "/api/v1/forecasts/noise/BROOKLYN"));
        assertEquals(ApiScope.READ, ApiScope.requiredFor("get", "/api/v1/alerts"));
        assertEquals(ApiScope.READ, ApiScope.requiredFor("HEAD", "/api/v1/series"));
    }

    @Test
    void onlyPostingAnOnDemandForecastNeedsTheForecastScope() {
        assertEquals(ApiScope.FORECAST, ApiScope.requiredFor("POST", "/api/v1/forecasts"));
        assertEquals(ApiScope.FORECAST, ApiScope.requiredFor("POST", "/api/v1/forecasts/"));
        assertEquals(ApiScope.OPERATE, ApiScope.requiredFor("POST", "/api/v1/forecast-runs"));
        assertEquals(ApiScope.OPERATE, ApiScope.requiredFor("PUT", "/api/v1/forecasts"));
    }

    @Test
    void everyOtherChangeNeedsTheOperateScope() {
        assertEquals(ApiScope.OPERATE, ApiScope.requiredFor("POST", "/api/v1/ingestions"));
        assertEquals(ApiScope.OPERATE, ApiScope.requiredFor("POST", "/api/v1/pipeline-runs/abc/rerun"));
        assertEquals(ApiScope.OPERATE, ApiScope.requiredFor("PUT", "/api/v1/alerts/1/acknowledgement"));
        assertEquals(ApiScope.OPERATE, ApiScope.requiredFor("DELETE", "/api/v1/alerts/1/label"));
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
