package dev.skillforge.data.keys;

/**
 * One way the platform reads or writes the table, stated exactly: the operation, the index (or the table)
 * and the key condition. {@link KeyCatalog} lists them all and docs/data-model.md is rendered from it.
 */
public record AccessPattern(String entity, String name, String operation, String index, String keyCondition, String usedBy) {

    public static final String TABLE = "table";
}
