package dev.weft.process;

import dev.weft.process.internal.hub.Kinds;
import dev.weft.process.internal.manager.ManagerServer;
import dev.weft.process.internal.shm.ShmRef;

/**
 * Registers what each kind of shared object of this package decodes to (loaded by {@link Kinds} and
 * by {@link ShmRef}).
 */
final class HubKinds {
    private HubKinds() {}

    static {
        Kinds.register(Queue.KIND, Queue::resolve);
        Kinds.register(JoinableQueue.KIND, Queue::resolve);
        Kinds.register(SimpleQueue.KIND, Queue::resolve);
        Kinds.register(Connection.KIND, Connection::resolve);
        Kinds.register(ManagerServer.DICT, DictProxy::resolve);
        Kinds.register(ManagerServer.LIST, ListProxy::resolve);
        Kinds.register(ManagerServer.ARRAY, ListProxy::resolve);
        Kinds.register(ManagerServer.NAMESPACE, Namespace::resolve);
        Kinds.register(ManagerServer.VALUE, ValueProxy::resolve);
        Kinds.register(ManagerServer.LOCK, LockProxy::resolve);
        Kinds.register(ManagerServer.RLOCK, LockProxy::resolve);
        Kinds.register(ManagerServer.SEMAPHORE, SemaphoreProxy::resolve);
        Kinds.register(ManagerServer.BOUNDED_SEMAPHORE, SemaphoreProxy::resolve);
        Kinds.register(ManagerServer.EVENT, EventProxy::resolve);
        Kinds.register(ManagerServer.CONDITION, ConditionProxy::resolve);
        Kinds.register(ManagerServer.BARRIER, BarrierProxy::resolve);
        ShmRef.register(ProcessLock.KIND, SharedLock::resolve);
        ShmRef.register(ProcessRLock.KIND, SharedLock::resolve);
        ShmRef.register(ProcessSemaphore.KIND, ProcessSemaphore::resolve);
        ShmRef.register(ProcessEvent.KIND, ProcessEvent::resolve);
        ShmRef.register(ProcessCondition.KIND, ProcessCondition::resolve);
        ShmRef.register(ProcessBarrier.KIND, ProcessBarrier::resolve);
        for (String type : new String[] {"int", "long", "double", "boolean", "byte", "char"}) {
            ShmRef.register(SharedArray.KIND + "." + type, SharedArray::resolve);
            ShmRef.register(SharedValue.KIND + "." + type, SharedValue::resolve);
        }
    }
}
