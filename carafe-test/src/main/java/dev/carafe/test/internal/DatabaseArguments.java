package dev.carafe.test.internal;

import dev.carafe.test.CarafeDatabases;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** The arguments of {@link CarafeDatabases}: one invocation per database named. */
public final class DatabaseArguments extends AnnotationBasedArgumentsProvider<CarafeDatabases> {

    /** Created by JUnit. */
    public DatabaseArguments() {}

    @Override
    protected Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context,
            CarafeDatabases databases) {
        return Arrays.stream(databases.value()).map(Arguments::of);
    }
}
