package dev.skillforge.data.table;

/** One global secondary index: its generic name, key attributes and what it projects. */
public record IndexDesign(String name, String partitionKey, String sortKey, Projection projection) {

    public enum Projection { ALL, KEYS_ONLY }
}
