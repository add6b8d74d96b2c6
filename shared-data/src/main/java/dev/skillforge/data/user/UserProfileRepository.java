package dev.skillforge.data.user;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;

/** User profiles; each method is one access pattern from {@link UserKeys}. */
@Singleton
public class UserProfileRepository {

    private final SkillForgeTable table;
    private final Clock clock;

    @Inject
    public UserProfileRepository(SkillForgeTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    public Optional<UserProfile> find(String userId) {
        return table.get(UserKeys.profile(userId)).map(UserProfileCodec::fromItem);
    }

    public void create(UserProfile profile) {
        table.create(UserProfileCodec.toItem(profile), "This profile already exists.");
    }

    public UserProfile update(UserProfile next, long expectedVersion) {
        table.updateVersioned(UserKeys.profile(next.userId()), UserProfileCodec.toItem(next), UserProfileCodec.OWNED,
                expectedVersion, "user");
        return next;
    }

    /**
     * Users with a role, ordered by email (the seed's userType-email index, as GSI1). An email or role can change, so
     * pages after the first leave out profiles listed after the first page was read (their {@code listedAt};
     * {@link SkillForgeTable#placedPartitionPage}): none is listed twice in one pass.
     */
    public Page<UserProfile> listByRole(String role, PageRequest page) {
        return table.placedPartitionPage(TableDesign.GSI1, UserKeys.byRole(role, "", "").pk(), false, page, UserProfileCodec.LISTED_AT,
                clock.instant()).map(UserProfileCodec::fromItem);
    }

    /** Several profiles in one BatchGetItem; users without a profile are absent from the map. */
    public Map<String, UserProfile> findMany(Collection<String> userIds) {
        Map<String, UserProfile> found = new LinkedHashMap<>();
        table.batchGet(userIds.stream().distinct().map(UserKeys::profile).toList()).stream()
                .map(UserProfileCodec::fromItem)
                .forEach(profile -> found.put(profile.userId(), profile));
        return found;
    }
}
