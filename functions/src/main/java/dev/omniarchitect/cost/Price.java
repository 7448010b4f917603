package dev.omniarchitect.cost;

import dev.omniarchitect.provider.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** A model's list price: USD per million input tokens and per million output tokens. */
public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** What that usage costs, in USD, to a millionth of a cent. */
    public double costOf(Usage usage) {
        BigDecimal cost = inputPerMillion.multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .divide(MILLION, 8, RoundingMode.HALF_UP);
        return cost.doubleValue();
    }
}
