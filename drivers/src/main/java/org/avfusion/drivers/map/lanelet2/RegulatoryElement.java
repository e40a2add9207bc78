package org.avfusion.drivers.map.lanelet2;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Lanelet2 regulatory element (a relation tagged {@code type=regulatory_element}): a traffic light, a traffic sign,
 * a right-of-way rule, a speed limit.
 *
 * @param id      the OSM relation id
 * @param subtype the {@code subtype} tag ({@code traffic_light}, {@code right_of_way}, ...)
 * @param members member ids by role ({@code refers}, {@code ref_line}, {@code right_of_way}, {@code yield}, ...) in
 *                file order; unmodifiable
 * @param tags    all tags of the relation; unmodifiable
 */
public record RegulatoryElement(long id, String subtype, Map<String, List<Long>> members, Map<String, String> tags) {

    public RegulatoryElement {
        Objects.requireNonNull(subtype, "subtype");
        members = Map.copyOf(members);
        tags = Map.copyOf(tags);
    }
}
