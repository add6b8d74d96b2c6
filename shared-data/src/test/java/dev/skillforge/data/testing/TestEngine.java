package dev.skillforge.data.testing;

import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A dynalite of a test class's own, with the table created from TableDesign: for repository tests that run without
 * Quarkus (the HTTP tests share the DynaliteResource instead). Close it when the class is done.
 */
public record TestEngine(Dynalite dynalite, DynamoDbClient client, SkillForgeTable table) implements AutoCloseable {

    public static TestEngine start() {
        Dynalite dynalite = Dynalite.start(null);
        DynamoDbClient client = TestTable.clientFor(dynalite.endpoint());
        TestTable.create(client);
        return new TestEngine(dynalite, client, new SkillForgeTable(client, TestTable.NAME, CursorCodec.forLists(TestTable.CURSOR_SECRET)));
    }

    @Override
    public void close() {
        client.close();
        dynalite.close();
    }
}
