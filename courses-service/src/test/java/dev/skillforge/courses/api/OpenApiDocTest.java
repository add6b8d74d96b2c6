package dev.skillforge.courses.api;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.OpenApiDocs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class OpenApiDocTest {

    @Test
    void theCommittedApiReferenceMatchesWhatTheFunctionServes() throws Exception {
        OpenApiDocs.check("courses-service");
    }
}
