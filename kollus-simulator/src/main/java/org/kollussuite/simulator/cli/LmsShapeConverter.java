package org.kollussuite.simulator.cli;

import org.kollussuite.simulator.wire.LmsShape;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.stream.Collectors;

/** LMS shapes by label ({@code document}, {@code flat}, {@code no-blocks}); picocli names the option when one is refused. */
public final class LmsShapeConverter implements CommandLine.ITypeConverter<LmsShape> {

    private static final String SHAPES = Arrays.stream(LmsShape.values()).map(LmsShape::label)
            .collect(Collectors.joining(", "));

    @Override
    public LmsShape convert(String value) {
        LmsShape shape = LmsShape.fromLabel(value.strip());
        if (shape == null) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an LMS shape, shapes: " + SHAPES);
        }
        return shape;
    }
}
