package dev.omniarchitect.api;

import dev.omniarchitect.job.Owner;

/**
 * Who made a request, as API Gateway's authorizer (or the local server) vouches for it.
 *
 * @param owner  whose jobs the caller sees, and who owns the jobs it submits
 * @param admin  whether it may delete cache entries and purge the cache: the {@value #ADMIN_SCOPE} scope of
 *               a JWT, an IAM caller (the admin routes' IAM policy already decided), or the local user
 */
public record Caller(Owner owner, boolean admin) {

    /** The OAuth scope of JWT callers who may delete and purge cache entries. */
    public static final String ADMIN_SCOPE = "omni/admin";

    /** A request with no identity: the one user of a local engine without a token. */
    public static final Caller LOCAL = new Caller(Owner.LOCAL, true);
}
