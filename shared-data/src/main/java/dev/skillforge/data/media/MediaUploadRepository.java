package dev.skillforge.data.media;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.table.SkillForgeTable;

/** Upload grants ({@link MediaUploadKeys#GRANT_OF_KEY}). */
@Singleton
public class MediaUploadRepository {

    private final SkillForgeTable table;

    @Inject
    public MediaUploadRepository(SkillForgeTable table) {
        this.table = table;
    }

    /** Records a grant; keys are fresh ids, so an existing item means a bug, and the conditional put refuses it. */
    public void record(MediaUpload upload) {
        table.create(MediaUploadCodec.toItem(upload), "An upload grant for this key already exists.");
    }

    /** The grant of a key as of now (strongly consistent: an attach follows its grant by seconds). */
    public Optional<MediaUpload> find(String objectKey) {
        return table.get(MediaUploadKeys.grant(objectKey)).map(MediaUploadCodec::fromItem);
    }
}
