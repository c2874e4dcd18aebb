package dev.meadow.core.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names an event record's stable type and the version of its JSON schema. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
  /** The stable type, {@code area.past_tense_verb}, such as {@code group.member_joined}. */
  String value();

  /** The version of the JSON schema of this type; raised only for incompatible changes. */
  int version() default 1;
}
