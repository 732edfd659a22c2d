package org.kollussuite.simulator.load;

import org.kollussuite.simulator.wire.CallbackType;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Callbacks per second by type; types without a positive rate are not sent. */
public record Rates(Map<CallbackType, Double> perSecond) {

    public Rates {
        perSecond = new EnumMap<>(perSecond);
    }

    /** The types sent, in declaration order. */
    public List<CallbackType> types() {
        return perSecond.entrySet().stream().filter(rate -> rate.getValue() > 0).map(Map.Entry::getKey).toList();
    }

    @Override
    public String toString() {
        return perSecond.entrySet().stream().map(rate -> rate.getKey().label() + "=" + rate.getValue() + "/s")
                .collect(Collectors.joining(", "));
    }
}
