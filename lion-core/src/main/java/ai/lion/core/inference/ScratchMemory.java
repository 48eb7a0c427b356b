package ai.lion.core.inference;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J workspace for the temporaries of one LION operator call, whose many small intermediate
 * arrays would otherwise wait for the garbage collector. Every array created while a scope is open
 * lives in the workspace and is invalid once the scope closes, so results must be copied into arrays
 * created outside. The workspace learns its size in the first scope of a thread and reuses that
 * memory in later ones; {@link #release()} frees it.
 */
final class ScratchMemory {

    private static final String ID = "LION_INFERENCE_SCRATCH";
    private static final WorkspaceConfiguration CONFIGURATION = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private ScratchMemory() {
    }

    /** Opens a scope of this thread's workspace; close it with try-with-resources. */
    static MemoryWorkspace scope() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIGURATION, ID);
    }

    /** Frees this thread's workspace, if it has one. */
    static void release() {
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(ID)) {
            Nd4j.getWorkspaceManager().destroyWorkspace(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(ID));
        }
    }
}
