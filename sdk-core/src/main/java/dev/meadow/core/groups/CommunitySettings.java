package dev.meadow.core.groups;

import static java.util.Objects.requireNonNull;

import dev.meadow.core.ports.StoreStaff;

/**
 * How one shop configured its community, handed from the {@code Meadow} builder to the community
 * services.
 *
 * @param taxonomy the group categories
 * @param labels the style label catalogue
 * @param limits the per-user limits
 * @param storeStaff the host's answer to who works for which store
 */
public record CommunitySettings(Taxonomy taxonomy, LabelCatalogue labels, CommunityLimits limits, StoreStaff storeStaff) {
  public CommunitySettings {
    requireNonNull(taxonomy, "taxonomy");
    requireNonNull(labels, "labels");
    requireNonNull(limits, "limits");
    requireNonNull(storeStaff, "storeStaff");
  }
}
