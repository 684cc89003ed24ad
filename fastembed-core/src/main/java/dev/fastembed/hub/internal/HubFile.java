package dev.fastembed.hub.internal;

/**
 * One file of a repository revision as the hub lists it.
 *
 * @param path its path in the repository
 * @param size its size in bytes
 * @param gitOid the git blob sha1 of its content (for LFS files, of the pointer)
 * @param sha256 the sha256 of the content for LFS files, else null
 */
record HubFile(String path, long size, String gitOid, String sha256) {

    boolean lfs() {
        return sha256 != null;
    }

    /** The blob's name in the cache, as huggingface_hub names it: the sha256 for LFS files, else the git oid. */
    String blobName() {
        return lfs() ? sha256 : gitOid;
    }
}
