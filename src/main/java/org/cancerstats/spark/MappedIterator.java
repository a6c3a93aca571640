package org.cancerstats.spark;

import java.util.Iterator;
import java.util.function.Function;

/** An iterator applying a function lazily, for per-partition pipelines that must not buffer a partition. */
public final class MappedIterator<A, B> implements Iterator<B> {
    private final Iterator<A> source;
    private final Function<A, B> mapping;

    public MappedIterator(Iterator<A> source, Function<A, B> mapping) {
        this.source = source;
        this.mapping = mapping;
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public B next() {
        return mapping.apply(source.next());
    }
}
