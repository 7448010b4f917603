package dev.omniarchitect.limit.dynamodb;

import dev.omniarchitect.limit.LeaseStore;
import dev.omniarchitect.limit.LimitState;
import dev.omniarchitect.limit.TokenBudget;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The provider limits in a DynamoDB table keyed by {@code provider} and {@code entry}: one {@code state} item
 * per provider (the adaptive limit and the token budget, replaced on its version) and one {@code lease#NNN} item per slot held.
 * A slot is taken by a put conditioned on no unexpired lease holding it, so the expiry is checked by
 * DynamoDB itself; the TTL attribute {@code expiresAt} (epoch seconds) only clears old leases away.
 */
public final class DynamoDbLeaseStore implements LeaseStore {

    public static final String PARTITION_KEY = "provider";
    public static final String SORT_KEY = "entry";
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private static final String STATE = "state";
    private static final String LEASE_PREFIX = "lease#";
    /** A slot no unexpired lease holds: the condition of a take, plain or in a transaction, with its names. */
    private static final String SLOT_FREE = "attribute_not_exists(#e) OR #x <= :now";
    private static final Map<String, String> SLOT_FREE_NAMES = Map.of("#e", SORT_KEY, "#x", "expiresAtMs");

    private final DynamoDbAsyncClient dynamo;
    private final String table;

    public DynamoDbLeaseStore(DynamoDbAsyncClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public CompletableFuture<Snapshot> read(String provider, Instant now) {
        // One partition: the state and at most a ceiling's worth of leases, far under a query page.
        return dynamo.query(request -> request.tableName(table).consistentRead(true)
                        .keyConditionExpression("#p = :p")
                        .expressionAttributeNames(Map.of("#p", PARTITION_KEY))
                        .expressionAttributeValues(Map.of(":p", s(provider))))
                .thenApply(response -> {
                    Optional<LimitState> state = Optional.empty();
                    Set<Integer> busy = new HashSet<>();
                    for (Map<String, AttributeValue> item : response.items()) {
                        String entry = item.get(SORT_KEY).s();
                        if (entry.equals(STATE)) {
                            state = Optional.of(new LimitState(number(item, "limit"), (long) number(item, "pausedUntilMs"),
                                    (long) number(item, "decreasedAtMs"), (int) number(item, "heldAt"),
                                    new TokenBudget((long) number(item, "tokensPerMinute"), number(item, "tokens"),
                                            (long) number(item, "tokensAtMs")),
                                    (long) number(item, "version")));
                        } else if (entry.startsWith(LEASE_PREFIX)
                                && (long) number(item, "expiresAtMs") > now.toEpochMilli()) {
                            busy.add(Integer.parseInt(entry.substring(LEASE_PREFIX.length())));
                        }
                    }
                    return new Snapshot(state, busy);
                });
    }

    @Override
    public CompletableFuture<Boolean> take(String provider, int slot, String holder, Instant now, Instant expiresAt) {
        return conditional(dynamo.putItem(request -> request.tableName(table)
                .item(leaseItem(provider, slot, holder, expiresAt))
                .conditionExpression(SLOT_FREE)
                .expressionAttributeNames(SLOT_FREE_NAMES)
                .expressionAttributeValues(slotFreeValues(now))));
    }

    @Override
    public CompletableFuture<Boolean> takeIfAllowed(String provider, int slot, String holder, Instant now,
                                                    Instant expiresAt) {
        TransactWriteItem taken = TransactWriteItem.builder().put(put -> put.tableName(table)
                .item(leaseItem(provider, slot, holder, expiresAt))
                .conditionExpression(SLOT_FREE)
                .expressionAttributeNames(SLOT_FREE_NAMES)
                .expressionAttributeValues(slotFreeValues(now))).build();
        return conditional(dynamo.transactWriteItems(request -> request.transactItems(stillAllowed(provider, slot, now),
                taken)));
    }

    /** The state's check of a transaction: no pause at {@code now}, a limit that covers the slot (true of no state). */
    private TransactWriteItem stillAllowed(String provider, int slot, Instant now) {
        return TransactWriteItem.builder().conditionCheck(check -> check.tableName(table)
                .key(Map.of(PARTITION_KEY, s(provider), SORT_KEY, s(STATE)))
                .conditionExpression("(attribute_not_exists(#p) OR #p <= :now) AND (attribute_not_exists(#l) OR #l >= :need)")
                .expressionAttributeNames(Map.of("#p", "pausedUntilMs", "#l", "limit"))
                .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":need", n(slot + 1)))).build();
    }

    private static Map<String, AttributeValue> slotFreeValues(Instant now) {
        return Map.of(":now", n(now.toEpochMilli()));
    }

    private static Map<String, AttributeValue> leaseItem(String provider, int slot, String holder, Instant expiresAt) {
        return Map.of(PARTITION_KEY, s(provider), SORT_KEY, s(leaseEntry(slot)), "holder", s(holder),
                "expiresAtMs", n(expiresAt.toEpochMilli()), TTL_ATTRIBUTE, n(expiresAt.getEpochSecond() + 1));
    }

    @Override
    public CompletableFuture<Boolean> handOver(String provider, int slot, String from, String to, Instant now,
                                               Instant expiresAt) {
        // One transaction: the state's check and the lease's new holder, conditioned on the old one.
        TransactWriteItem stillAllowed = stillAllowed(provider, slot, now);
        TransactWriteItem handed = TransactWriteItem.builder().update(update -> update.tableName(table)
                .key(Map.of(PARTITION_KEY, s(provider), SORT_KEY, s(leaseEntry(slot))))
                .updateExpression("SET #h = :to, #x = :x, #t = :t")
                .conditionExpression("#h = :from")
                .expressionAttributeNames(Map.of("#h", "holder", "#x", "expiresAtMs", "#t", TTL_ATTRIBUTE))
                .expressionAttributeValues(Map.of(":to", s(to), ":from", s(from), ":x", n(expiresAt.toEpochMilli()),
                        ":t", n(expiresAt.getEpochSecond() + 1)))).build();
        return conditional(dynamo.transactWriteItems(request -> request.transactItems(stillAllowed, handed)));
    }

    @Override
    public CompletableFuture<Void> giveBack(String provider, int slot, String holder) {
        return conditional(dynamo.deleteItem(request -> request.tableName(table)
                .key(Map.of(PARTITION_KEY, s(provider), SORT_KEY, s(leaseEntry(slot))))
                .conditionExpression("#h = :h")
                .expressionAttributeNames(Map.of("#h", "holder"))
                .expressionAttributeValues(Map.of(":h", s(holder))))).thenApply(given -> null);
    }

    @Override
    public CompletableFuture<Boolean> replace(String provider, LimitState expected, LimitState next) {
        Map<String, AttributeValue> item = Map.ofEntries(Map.entry(PARTITION_KEY, s(provider)),
                Map.entry(SORT_KEY, s(STATE)), Map.entry("limit", AttributeValue.fromN(Double.toString(next.limit()))),
                Map.entry("pausedUntilMs", n(next.pausedUntilMs())), Map.entry("decreasedAtMs", n(next.decreasedAtMs())),
                Map.entry("heldAt", n(next.heldAt())),
                Map.entry("tokensPerMinute", n(next.tokens().perMinute())),
                Map.entry("tokens", AttributeValue.fromN(Double.toString(next.tokens().available()))),
                Map.entry("tokensAtMs", n(next.tokens().atMs())),
                Map.entry("version", n(expected.version() + 1)));
        return conditional(expected.version() == 0
                ? dynamo.putItem(request -> request.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#ver)")
                        .expressionAttributeNames(Map.of("#ver", "version")))
                : dynamo.putItem(request -> request.tableName(table).item(item)
                        .conditionExpression("#ver = :v")
                        .expressionAttributeNames(Map.of("#ver", "version"))
                        .expressionAttributeValues(Map.of(":v", n(expected.version())))));
    }

    /** True when the write happened, false when its condition (or a transaction's) failed; other errors stay errors. */
    private static CompletableFuture<Boolean> conditional(CompletableFuture<?> write) {
        return write.handle((done, error) -> {
            if (error == null) {
                return true;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ConditionalCheckFailedException || cause instanceof TransactionCanceledException) {
                return false;
            }
            throw error instanceof CompletionException completion ? completion : new CompletionException(error);
        });
    }

    private static String leaseEntry(int slot) {
        return LEASE_PREFIX + String.format("%03d", slot);
    }

    private static double number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Double.parseDouble(value.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
