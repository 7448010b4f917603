package dev.omniarchitect.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Who a job belongs to: only its owner reads it, its files and its bundle. Stored with the job's header.
 *
 * @param id  "iam:" and the caller's principal ARN, "jwt:" and the token's subject, "token:" and a hash of
 *            the local API token, "schedule:" and the schedule's name, or "local" for the one user of a
 *            local engine without a token
 */
public record Owner(@JsonValue String id) {

    /** The user of a local engine that takes no token, and of events that carry no identity. */
    public static final Owner LOCAL = new Owner("local");

    private static final String SCHEDULE = "schedule:";

    public Owner {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an owner id must not be blank");
        }
    }

    /** The owner of that id, as stored and as JSON shows it (a plain string). */
    @JsonCreator
    public static Owner of(String id) {
        return new Owner(id);
    }

    /**
     * An IAM caller. An assumed role's sessions are one principal, the role: the session name changes with
     * every sign-in.
     */
    public static Owner iam(String principalArn) {
        String arn = principalArn.replaceFirst("^(arn:[^:]+:sts::[0-9]+:assumed-role/[^/]+)/.*$", "$1");
        return new Owner("iam:" + arn);
    }

    /** A JWT caller, by the token's subject. */
    public static Owner jwt(String subject) {
        return new Owner("jwt:" + subject);
    }

    /** The runs of one schedule. */
    public static Owner scheduled(String scheduleName) {
        return new Owner(SCHEDULE + scheduleName);
    }

    /**
     * Whether that caller may read this owner's jobs: their own, and the schedule's runs, which the stack
     * (not any one caller) starts for everyone who may call its API.
     */
    public boolean readableBy(Owner reader) {
        return equals(reader) || id.startsWith(SCHEDULE);
    }
}
