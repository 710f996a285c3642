/// 口语虚词: the question and filler words callers wrap a query in (请问 … 怎么办理 … 吗). They carry no topic,
/// and an AND over them would demand them in the article, so the query parser drops them — unless nothing
/// else is left (`怎么样` alone is searched as typed). 怎么办 is not listed: in 怎么办理 it would take the 办.
///
/// Only words that are almost never part of a content word are listed; one-character ones are particles
/// (吗 呢 吧 …), not 有/是/在, which start words like 有效, 在职.
enum QueryLexicon: Sendable {
    static let fillerWords: Set<String> = [
        // asking
        "请问", "问一下", "咨询一下", "想问", "想问问", "我想问", "我想", "我要", "我是", "我们", "你们", "您好", "你好",
        "谢谢", "麻烦", "一下", "了解", "了解一下", "打听", "打听一下", "帮忙", "帮我", "请帮",
        // question words
        "怎么", "怎样", "怎么样", "如何", "什么", "哪些", "哪里", "哪儿", "哪个", "在哪", "在哪里", "在哪儿", "去哪",
        "去哪里", "是否", "能否", "可否", "可以", "能不能", "可不可以", "是不是", "有没有", "有哪些", "有什么", "是什么",
        "为什么", "为何", "需要", "需不需要", "要不要", "应该", "咋",
        // linking words
        "关于", "相关", "这个", "那个", "还有", "以及", "或者", "已经", "现在", "目前", "一般",
        // particles
        "吗", "呢", "吧", "啊", "呀", "的", "了", "么", "嘛", "哦", "哈",
    ]

    static let longestFillerWord: Int = fillerWords.map(\.unicodeScalars.count).max() ?? 1
}
