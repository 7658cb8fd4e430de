import Foundation

/// Every message of a maildir (its `new` folder, by name), as a mail reader sees it: decoded by
/// Python's `email` package, not by zhengdun. Headers as text (empty when absent) and the plain
/// text body.
func maildirMessages(_ maildir: String) throws -> [[String: String]] {
    let script = """
        import email, email.policy, json, os, sys
        folder = sys.argv[1]
        out = []
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            with open(os.path.join(folder, name), 'rb') as f:
                m = email.message_from_binary_file(f, policy=email.policy.default)
            header = lambda key: str(m[key] or '')
            body = m.get_body(('plain',))
            out.append({'subject': header('Subject'), 'to': header('To'), 'cc': header('Cc'),
                        'notice': header('X-Zhengdun-Notice'), 'reply_to': header('Reply-To'),
                        'id': header('Message-ID').strip('<>'), 'in_reply_to': header('In-Reply-To'),
                        'auto': header('Auto-Submitted'),
                        'body': body.get_content().replace('\\r\\n', '\\n') if body else ''})
        print(json.dumps(out, ensure_ascii=False))
        """
    return try pythonJSON(script, maildir + "/new") as! [[String: String]]
}
