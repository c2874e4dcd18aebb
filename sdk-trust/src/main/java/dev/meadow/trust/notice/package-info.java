/**
 * The "how reviews are verified" notice a shop shows next to its reviews (EU Omnibus Directive;
 * FTC 16 CFR 465.4 and 465.5), generated from the shop's actual configuration:
 * {@link VerificationNotices#of(dev.meadow.core.Meadow)} builds the service, and
 * {@link VerificationNotices#notice(java.util.Locale)} returns a {@link VerificationNotice} with
 * both the structured settings and the plain text, in English, Simplified Chinese, German or a
 * locale the host adds.
 */
@NullMarked
package dev.meadow.trust.notice;

import org.jspecify.annotations.NullMarked;
