import Foundation
import Testing

/// The demo's mail as a village cadre reads it: every message decoded by Python's `email`
/// package, not by zhengdun.
@Suite("The demo's mail, read back by an independent parser", .serialized, .tags(.endToEnd))
struct DemoMailTests {
    @Test(
        "Every kind of notice is in the demo's mail with what it must say: 交办单, 退回整改 with its reason, 验收销号, 延期, 改派 to both, 督查整改, 督办 copied up the chain"
    )
    func everyNoticeKind() throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("demo").path
        let outcome = try CLI.run(["demo", "--folder", target], environment: ["LANG": "zh_CN.UTF-8"], in: CLI.repository)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let mail = try maildirMessages(target + "/maildir")
        // A notice may go alone or as a part of a person's digest: what the reader sees is the text.
        let texts = mail.map { $0["subject"]! + "\n" + $0["body"]! }
        func reads(_ text: String) -> Bool { texts.contains { $0.contains(text) } }

        // 交办单: at launch the office's staff get one message listing the tasks handed to them.
        let handed = try #require(
            mail.first { $0["subject"]!.hasPrefix("【整顿工作通知】钱七同志") && $0["body"]!.contains("【交办】T1 成立整顿工作机构") })
        #expect(handed["body"]!.contains("一、【交办】T1 成立整顿工作机构（XX村）"))
        #expect(handed["body"]!.contains("二、【交办】T2 指派驻村干部（XX村）"))
        #expect(handed["body"]!.contains("现将下列整顿任务交由您承办，请及时签收"))
        // Replies are configured: each part of a digest that asks for something says where a
        // reply about it goes, and nobody is sent to call the office; parts are set apart by one
        // blank line.
        let digests = mail.filter { $0["subject"]!.hasPrefix("【整顿工作通知】") }
        for digest in digests {
            let body = digest["body"]!
            #expect(!body.contains("请联系镇组织办"), "\(digest["subject"]!)")
            #expect(!body.contains("\n\n\n"), "\(digest["subject"]!)")
        }
        #expect(handed["body"]!.contains("\n\n本项可发邮件至 zzb+"))
        #expect(handed["body"]!.contains(" 办理：写明“签收”即签收；写明“办结：办理情况”并附佐证材料，即可报送。\n"))
        // The secretary acknowledges and reports by replying; each reply is answered.
        #expect(reads("【回复已办理】T7 党支部专题研究：已签收"))
        #expect(reads("所附 1 个文件已作为佐证材料存档。"))
        let answers = mail.filter { $0["subject"]!.hasPrefix("【回复已办理】") }
        #expect(answers.allSatisfy { $0["to"] == "李四 <li-si@town.example.cn>" }, "\(answers.map { $0["to"]! })")
        // Digests whose every part (一、【…】, 二、【…】) is a 验收销号.
        let closedOnly = digests.filter { digest in
            digest["body"]!.split(separator: "\n").filter { $0.contains("、【") }.allSatisfy { $0.contains("【验收销号】") }
        }
        #expect(!closedOnly.isEmpty)
        #expect(closedOnly.allSatisfy { !$0["body"]!.contains("请联系") }, "a digest of 验收销号 alone asks nothing")
        // 退回整改, with the reason and the new deadline.
        #expect(reads("【退回整改】T3 统一思想，提高认识（XX村）"))
        #expect(reads("  退回原因：缺少党员学习签到表"))
        #expect(reads("审核未予验收，现退回整改。请按要求整改，于 3月"))
        // 验收销号 and 延期 with its reason.
        #expect(reads("予以销号"))
        #expect(reads("  延期理由：等待县农业农村局资金批复"))
        // 改派: the person it was taken from is told, and the new assignee gets it handed over.
        let away = try #require(mail.first { $0["subject"]!.contains("【改派】") || $0["body"]!.contains("【改派】") })
        #expect(away["to"]!.contains("wang-wu@"))
        // Named in the role in which the new assignee answers for it, not the task's first role.
        #expect(away["body"]!.contains("  责任人：钱七（镇组织办）"))
        #expect(reads("下列整顿任务改由您承办"))
        #expect(reads("  改派原因：扶持事项改由镇组织办统一对接县直部门"))
        // 督查整改通知: the finding, who inspected, the deadline.
        #expect(reads("【督查整改通知】T35"))
        #expect(reads("镇工作组周九督查发现：“三会一课”会议记录不全，党员大会未按时召开。现责令整改"))
        // The inspection counts towards the work team's standing duty, which the weekly report counts.
        #expect(reads("随机检查督导（镇工作组，常态职责）：1次，最近一次 4月13日（星期一）10:00"))
        // 三会一课 come every month and quarter, each its own 交办, named by its period.
        #expect(reads("【交办】T29 召开支委会（2026年4月）（XX村）"))
        #expect(reads("【交办】T31 召开党员大会（2026年第二季度）（XX村）"))
        // 督办 at level 3 of a task of the resident cadre: to him, copied to the office director and the group leader.
        let top = try #require(mail.first { $0["subject"]!.hasPrefix("【督办·第三级】") })
        #expect(top["to"] == "王五 <wang-wu@town.example.cn>")
        #expect(top["cc"] == "赵六 <zhao-liu@town.example.cn>, 孙八 <sun-ba@town.example.cn>")
        #expect(top["body"]!.hasPrefix("主送：王五同志\n抄送：领导小组办公室主任（镇党委组织委员）赵六、联合督查小组组长（镇党委书记）孙八\n"))
        // The problem list: each item handed over, its 督办 copied to its leader first, its 销号.
        #expect(reads("【交办】T10 Q1 整改：村部门前道路2019年修建"))
        let problem = try #require(mail.first { ($0["subject"]! + $0["body"]!).contains("【督办·第一级】T10 Q1 整改") })
        #expect(problem["cc"]!.hasPrefix("赵六 <zhao-liu@town.example.cn>, 王五"), "\(problem["cc"]!)")
        #expect(problem["body"]!.contains("请责任领导赵六、驻村干部王五同志督促落实"))
        #expect(reads("【验收销号】T10 Q1 整改"))
        // No message is copied to the person it is addressed to.
        for message in mail where !message["cc"]!.isEmpty {
            #expect(!message["cc"]!.contains(message["to"]!), "\(message["subject"]!)")
        }
    }
}
