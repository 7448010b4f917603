package dev.omniarchitect.local.cli;

import dev.omniarchitect.provider.BuiltInProviders;
import dev.omniarchitect.provider.ProviderDefinition;
import java.util.Iterator;

/** The built-in providers' names, for help texts ({@code ${COMPLETION-CANDIDATES}}): the one list, never a copy. */
final class ProviderNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return BuiltInProviders.ALL.stream().map(ProviderDefinition::name).iterator();
    }
}
