package dev.skillforge.data.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;

/** Gives every @QuarkusTest class an empty table, so no class depends on another's leftovers. */
public class ResetTableBeforeEachClass implements QuarkusTestBeforeClassCallback {

    @Override
    public void beforeClass(Class<?> testClass) {
        if (System.getProperty(TestTable.ENDPOINT_PROPERTY) != null) {
            TestTable.reset(TestTable.client());
        }
    }
}
