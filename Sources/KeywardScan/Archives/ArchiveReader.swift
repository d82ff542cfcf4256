import CArchive
import Foundation

/// One libarchive read handle (the only file that sees `CArchive`): recognises archives by their
/// content and reads their entries and data. Owns the handle; `deinit` frees it.
final class ArchiveReader {
    /// A member's header.
    struct Entry {
        /// The member's path inside the archive, as bytes.
        var name: [UInt8]
        /// A regular file (directories, links and devices have no content to scan).
        var isRegularFile: Bool
        /// Encrypted: its data cannot be read without a passphrase.
        var isEncrypted: Bool
    }

    /// What libarchive reported.
    struct Failure: Error {
        var message: String
        /// The archive cannot be read any further.
        var fatal: Bool
    }

    /// What a file's first bytes are.
    enum Recognition {
        /// An archive or a compressed stream libarchive can open.
        case archive
        /// An archive libarchive recognised but cannot read (truncated, corrupt).
        case unreadable(String)
        /// Not an archive.
        case none
    }

    private let handle: OpaquePointer
    private var input: ArchiveInput?
    private var opened = false

    private init?() {
        guard let handle = archive_read_new() else { return nil }
        self.handle = handle
        // Built-in decoders only: no filter that would run an external program.
        _ = archive_read_support_filter_gzip(handle)
        _ = archive_read_support_filter_bzip2(handle)
        _ = archive_read_support_filter_xz(handle)
        _ = archive_read_support_filter_lzma(handle)
        _ = archive_read_support_filter_zstd(handle)
        _ = archive_read_support_filter_lz4(handle)
        _ = archive_read_support_filter_compress(handle)
        _ = archive_read_support_format_tar(handle)
        _ = archive_read_support_format_zip(handle)
        _ = archive_read_support_format_7zip(handle)
        _ = archive_read_support_format_cpio(handle)
        _ = archive_read_support_format_ar(handle)
        _ = archive_read_support_format_iso9660(handle)
        _ = archive_read_support_format_rar(handle)
        _ = archive_read_support_format_rar5(handle)
        _ = archive_read_support_format_cab(handle)
        _ = archive_read_support_format_xar(handle)
        // A lone compressed file (`notes.txt.gz`) is one member; `isRaw` tells it apart.
        _ = archive_read_support_format_raw(handle)
    }

    deinit {
        if opened { archive_read_close(handle) }
        archive_read_free(handle)
    }

    /// Whether `head` (a file's first bytes) starts an archive libarchive can read.
    static func recognise(_ head: UnsafeRawBufferPointer) -> Recognition {
        guard let reader = ArchiveReader(), let base = head.baseAddress else { return .none }
        guard archive_read_open_memory(reader.handle, base, head.count) == keyward_archive_ok() else { return .none }
        reader.opened = true
        var entry: OpaquePointer?
        let status = archive_read_next_header(reader.handle, &entry)
        let format = archive_format(reader.handle)
        // No format, or one with no entry at all (a run of zeros reads as an empty tar): not an archive.
        if format == 0 || status == keyward_archive_eof() { return .none }
        if reader.isRaw && archive_filter_count(reader.handle) <= 1 { return .none }
        if status == keyward_archive_ok() || status == keyward_archive_warn() { return .archive }
        return .unreadable(reader.errorMessage)
    }

    /// Opens an archive over `input` (its head first).
    static func open(_ input: ArchiveInput) throws(Failure) -> ArchiveReader {
        guard let reader = ArchiveReader() else { throw Failure(message: "out of memory", fatal: true) }
        reader.input = input
        let context = Unmanaged.passUnretained(input).toOpaque()
        archive_read_set_callback_data(reader.handle, context)
        archive_read_set_read_callback(reader.handle) { _, client, block in
            guard let client else { return -1 }
            let (pointer, count) = Unmanaged<ArchiveInput>.fromOpaque(client).takeUnretainedValue().read()
            block?.pointee = pointer
            return count
        }
        if input.seekable != nil {
            archive_read_set_seek_callback(reader.handle) { _, client, offset, whence in
                guard let client else { return -1 }
                return Unmanaged<ArchiveInput>.fromOpaque(client).takeUnretainedValue().seek(offset, whence: whence)
            }
            archive_read_set_skip_callback(reader.handle) { _, client, request in
                guard let client else { return 0 }
                return Unmanaged<ArchiveInput>.fromOpaque(client).takeUnretainedValue().skip(request)
            }
        }
        guard archive_read_open1(reader.handle) == keyward_archive_ok() else {
            throw Failure(message: reader.errorMessage, fatal: true)
        }
        reader.opened = true
        return reader
    }

    /// A lone compressed stream, not a container: its one member is the decompressed file.
    var isRaw: Bool {
        archive_format(handle) & keyward_archive_format_base_mask() == keyward_archive_format_raw()
    }

    /// The next member's header; nil at the end.
    func nextEntry() throws(Failure) -> Entry? {
        var entry: OpaquePointer?
        let status = archive_read_next_header(handle, &entry)
        if status == keyward_archive_eof() { return nil }
        guard status == keyward_archive_ok() || status == keyward_archive_warn(), let entry else {
            throw Failure(message: errorMessage, fatal: status != keyward_archive_failed())
        }
        let name = (archive_entry_pathname(entry) ?? archive_entry_pathname_utf8(entry)).map {
            Array(UnsafeRawBufferPointer(start: $0, count: strlen($0)))
        }
        return Entry(
            name: name ?? Array("data".utf8),
            isRegularFile: archive_entry_filetype(entry) == keyward_archive_entry_ifreg(),
            isEncrypted: archive_entry_is_encrypted(entry) != 0)
    }

    /// Reads the current member's data; 0 at its end.
    func readData(into buffer: UnsafeMutableRawPointer, count: Int) throws(Failure) -> Int {
        let read = archive_read_data(handle, buffer, count)
        if read >= 0 { return read }
        if read == keyward_archive_warn() { return 0 }
        throw Failure(message: errorMessage, fatal: Int32(read) == keyward_archive_fatal())
    }

    /// Why the last call failed: libarchive's message, or the input's read error.
    var errorMessage: String {
        if let failure = input?.failure { return failure.reason }
        return archive_error_string(handle).map { String(cString: $0) } ?? "unknown libarchive error"
    }
}
