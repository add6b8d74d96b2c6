package dev.skillforge.data.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Gives every @QuarkusTest method an empty table (dropped and recreated from TableDesign, a few milliseconds
 * on dynalite), so no test depends on what another left behind.
 */
public class ResetTableBeforeEachTest implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (System.getProperty(TestTable.ENDPOINT_PROPERTY) != null) {
            TestTable.reset(TestTable.client());
        }
    }
}
