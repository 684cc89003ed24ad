package dev.fastembed.text;

/**
 * What DJL's tokenizer library would otherwise do over the network, switched off before the first tokenizer
 * loads unless the user chose a value:
 * <ul>
 *   <li>it reports usage to the AWS instance metadata address (169.254.169.254) unless
 *       {@code OPT_OUT_TRACKING=true};</li>
 *   <li>on a machine with a CUDA GPU, or a platform its jar has no library for (Intel macOS, for one), it
 *       downloads a native library from publish.djl.ai at run time unless offline ({@code DJL_OFFLINE} or
 *       {@code ai.djl.offline}); offline it loads the CPU library bundled in the jar, which is all we use
 *       (ai.djl.huggingface.tokenizers.jni.LibUtils and ai.djl.util.Utils#isOfflineMode, 0.38.0).</li>
 * </ul>
 * Both are read by DJL from the environment first, then from system properties, so a system property set here
 * is enough and a user's variable or property always wins.
 */
final class DjlOptOuts {

    static final String TRACKING = "OPT_OUT_TRACKING";
    static final String OFFLINE_VARIABLE = "DJL_OFFLINE";
    static final String OFFLINE_PROPERTY = "ai.djl.offline";

    private DjlOptOuts() {
    }

    static void ensure() {
        if (System.getenv(TRACKING) == null && System.getProperty(TRACKING) == null) {
            System.setProperty(TRACKING, "true");
        }
        if (System.getenv(OFFLINE_VARIABLE) == null && System.getProperty(OFFLINE_PROPERTY) == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
    }
}
