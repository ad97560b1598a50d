package dev.carafe.bind.internal;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hibernate.bytecode.enhance.spi.EnhancementContext;
import org.hibernate.bytecode.enhance.spi.Enhancer;
import org.hibernate.bytecode.internal.BytecodeProviderInitiator;
import org.hibernate.bytecode.spi.BasicProxyFactory;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.bytecode.spi.ProxyFactoryFactory;
import org.hibernate.bytecode.spi.ReflectionOptimizer;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.property.access.spi.PropertyAccess;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.proxy.ProxyFactory;
import org.hibernate.type.CompositeType;

/**
 * Hibernate's bytecode provider, with its work moved from start-up to first use. Left alone,
 * Hibernate generates with Byte Buddy, while the session factory is built, a lazy-loading proxy
 * class and two "reflection optimizer" classes for every model: about 1,000 classes loaded and
 * 0.4 s of CPU (measured on the bench service) before the first request, which needs none of them.
 * Here a model's proxy class is generated the first time one of its proxies is needed (a lazy
 * association, a {@code getReference}), and the optimizers are not generated at all: Hibernate 7.4
 * deprecates them for removal, and reads and writes go through its reflective accessors instead.
 */
final class DeferredProxies implements BytecodeProvider {
    private BytecodeProvider byteBuddy;

    /** Byte Buddy's provider, created on first need (a model's first proxy, mostly: rare calls). */
    private synchronized BytecodeProvider byteBuddy() {
        if (byteBuddy == null) byteBuddy = BytecodeProviderInitiator.buildDefaultBytecodeProvider();
        return byteBuddy;
    }

    private final ProxyFactoryFactory proxyFactories = new ProxyFactoryFactory() {
        @Override
        public ProxyFactory buildProxyFactory(SessionFactoryImplementor sessionFactory) {
            return new DeferredProxyFactory(
                    () -> byteBuddy().getProxyFactoryFactory().buildProxyFactory(sessionFactory));
        }

        @Override
        @SuppressWarnings("rawtypes")
        public BasicProxyFactory buildBasicProxyFactory(Class superClassOrInterface) {
            return byteBuddy().getProxyFactoryFactory().buildBasicProxyFactory(superClassOrInterface);
        }
    };

    @Override
    public ProxyFactoryFactory getProxyFactoryFactory() {
        return proxyFactories;
    }

    @Override
    @SuppressWarnings({"removal", "rawtypes"})
    public ReflectionOptimizer getReflectionOptimizer(Class clazz, String[] getterNames, String[] setterNames,
            Class[] types) {
        return null;
    }

    @Override
    @SuppressWarnings("removal")
    public ReflectionOptimizer getReflectionOptimizer(Class<?> clazz,
            Map<String, PropertyAccess> propertyAccessMap) {
        return null;
    }

    @Override
    public Enhancer getEnhancer(EnhancementContext enhancementContext) {
        return byteBuddy().getEnhancer(enhancementContext);
    }

    @Override
    public synchronized void resetCaches() {
        if (byteBuddy != null) byteBuddy.resetCaches();
    }

    /** A model's proxy factory: what Hibernate tells it at start-up is kept until the first proxy. */
    private static final class DeferredProxyFactory implements ProxyFactory {
        private final Supplier<ProxyFactory> create;
        private Consumer<ProxyFactory> describe = factory -> { };
        private volatile ProxyFactory built;

        DeferredProxyFactory(Supplier<ProxyFactory> create) {
            this.create = create;
        }

        @Override
        public void postInstantiate(String entityName, Class<?> persistentClass, Set<Class<?>> interfaces,
                Method getIdentifierMethod, Method setIdentifierMethod, CompositeType componentIdType) {
            describe = factory -> factory.postInstantiate(entityName, persistentClass, interfaces, getIdentifierMethod,
                    setIdentifierMethod, componentIdType);
        }

        @Override
        public HibernateProxy getProxy(Object id, SharedSessionContractImplementor session) {
            ProxyFactory factory = built;
            if (factory == null) {
                synchronized (this) {
                    factory = built;
                    if (factory == null) {
                        factory = create.get();
                        describe.accept(factory);
                        built = factory;
                    }
                }
            }
            return factory.getProxy(id, session);
        }
    }
}
